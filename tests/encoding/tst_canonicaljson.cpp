// Canonical JSON must be byte-identical to securesystemslib.formats.encode_canonical (the
// OLPC dialect TUF signs over; TUF specification §4.2 "signed" + canonical JSON). The oracle
// is Debian's python3-securesystemslib, run once over the whole corpus through QProcess.

#include "encoding/json.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTest>

#include <limits>

using namespace Uptane;
using namespace Uptane::Json;
using namespace Qt::StringLiterals;

namespace {

const QString python = u"/usr/bin/python3"_s;

// Reads framed requests from stdin and answers each with "<length>\n<canonical UTF-8>".
// Request "W <n>\n<n bytes>": canonicalise that JSON document; "S ...": its "signed" member;
// "K ...": the member of the corpus file (argv[1]) with that name.
const char *const oracleScript =
        "import sys, json\n"
        "from securesystemslib.formats import encode_canonical\n"
        "corpus = json.load(open(sys.argv[1], encoding='utf-8'))\n"
        "data = sys.stdin.buffer.read()\n"
        "out = []\n"
        "pos = 0\n"
        "while pos < len(data):\n"
        "    nl = data.index(b'\\n', pos)\n"
        "    mode, n = data[pos:nl].split(b' ')\n"
        "    body = data[nl + 1:nl + 1 + int(n)].decode('utf-8')\n"
        "    pos = nl + 1 + int(n)\n"
        "    if mode == b'K':\n"
        "        value = corpus[body]\n"
        "    else:\n"
        "        value = json.loads(body)\n"
        "        if mode == b'S':\n"
        "            value = value['signed']\n"
        "    enc = encode_canonical(value).encode('utf-8')\n"
        "    out.append(b'%d\\n' % len(enc) + enc)\n"
        "sys.stdout.buffer.write(b''.join(out))\n";

QString corpusPath()
{
    return QStringLiteral(UPTANE_TEST_DATA "/json/canonical-corpus.json");
}

struct Case
{
    QString name;
    char mode;          // 'W', 'S' or 'K' as in the oracle script
    QByteArray payload; // document text, or the corpus member's name
    Value value;        // what our side canonicalises
};

// A JSON string literal with every non-ASCII character as \u escapes (pairs for astral ones),
// written by hand so that the generated document does not depend on our own writers.
QByteArray escapedLiteral(const QList<char32_t> &codePoints)
{
    QByteArray out = "\"";
    const auto unit = [&](char32_t u) { out += "\\u" + QByteArray::number(uint(u), 16).rightJustified(4, '0'); };
    for (const char32_t cp : codePoints) {
        if (cp == '"' || cp == '\\') {
            out += '\\';
            out += char(cp);
        } else if (cp >= 0x20 && cp < 0x7F) {
            out += char(cp);
        } else if (cp < 0x10000) {
            unit(cp);
        } else {
            unit(0xD800 + ((cp - 0x10000) >> 10));
            unit(0xDC00 + ((cp - 0x10000) & 0x3FF));
        }
    }
    return out + '"';
}

// 300 keys drawn from ranges whose UTF-16 and code point orders disagree, with integers
// spread over the whole qint64 range.
QByteArray generatedDocument()
{
    const QList<char32_t> pool{u'a', u'Z', u'"', u'\\', 0x01, 0x1F, 0x7F, 0xE9, 0x2028, 0x3042,
                               0xD7FF, 0xE000, 0xFB01, 0xFF01, 0xFFFD, 0xFFFF, 0x10000,
                               0x1F600, 0x1F697, 0x10FFFF};
    QByteArray doc = "{";
    quint64 state = 0x9E3779B97F4A7C15ull;  // xorshift: deterministic, no seed to manage
    const auto next = [&] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (int i = 0; i < 300; ++i) {
        QList<char32_t> key;
        const int length = 1 + int(next() % 4);
        for (int c = 0; c < length; ++c)
            key.append(pool.at(qsizetype(next() % quint64(pool.size()))));
        key.append(char32_t(u'0' + i % 10));
        key.append(char32_t(u'0' + i / 10 % 10));
        key.append(char32_t(u'0' + i / 100));  // unique keys
        if (i > 0)
            doc += ',';
        doc += escapedLiteral(key) + ':' + QByteArray::number(qint64(next()));
    }
    return doc + '}';
}

// The error of a failed result, empty for a success: safe inside QVERIFY2, which evaluates
// its message even when the check passes.
template <typename T>
QByteArray errorOf(const Result<T> &r)
{
    return r ? QByteArray() : r.error().toString().toUtf8();
}

} // namespace

class TestCanonicalJson : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void matchesSecuresystemslib_data();
    void matchesSecuresystemslib();
    void realMetadataIsInTheCorpus();
    void sortsByCodePoint();
    void escapesOnlyQuoteAndBackslash();
    void reparsesToTheSameValue_data();
    void reparsesToTheSameValue();
    void rejectsNonIntegers_data();
    void rejectsNonIntegers();
    void rejectsLoneSurrogates();

private:
    QList<Case> m_cases;
    QList<QByteArray> m_oracle;  // securesystemslib's bytes, one per case
    QString m_oracleMissing;     // why the oracle could not run, if it could not
    int m_realFiles = 0;
};

void TestCanonicalJson::initTestCase()
{
    QFile corpusFile(corpusPath());
    QVERIFY(corpusFile.open(QIODevice::ReadOnly));
    const Result<Value> corpus = parse(corpusFile.readAll());
    QVERIFY2(corpus.has_value(), errorOf(corpus).constData());
    const Object members = corpus->toObject();
    for (auto it = members.cbegin(); it != members.cend(); ++it)
        m_cases.append({it.key(), 'K', it.key().toUtf8(), it.value()});

    const QByteArray generated = generatedDocument();
    const Result<Value> generatedValue = parse(generated);
    QVERIFY2(generatedValue.has_value(), errorOf(generatedValue).constData());
    QCOMPARE(generatedValue->toObject().size(), 300);
    m_cases.append({u"generated 300 keys"_s, 'W', generated, *generatedValue});

    // Real TUF metadata from public repositories: canonical form of "signed", as signed.
    const QDir real(QStringLiteral(UPTANE_SHARED_DIR "/interop/tuf-real"));
    for (const QString &repo : real.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        const QDir metadata(real.filePath(repo + u"/metadata"_s));
        for (const QString &file : metadata.entryList({u"*.json"_s}, QDir::Files, QDir::Name)) {
            QFile f(metadata.filePath(file));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray text = f.readAll();
            const Result<Value> doc = parse(text);
            QVERIFY2(doc.has_value(), QByteArray(f.fileName().toUtf8() + ": " + errorOf(doc)).constData());
            QVERIFY2((*doc)[u"signed"_s].isObject(), qPrintable(f.fileName()));
            m_cases.append({repo + u'/' + file, 'S', text, (*doc)[u"signed"_s]});
            ++m_realFiles;
        }
    }

    if (!QFileInfo(python).isExecutable()) {
        m_oracleMissing = python + u" is missing"_s;
        return;
    }
    QProcess probe;
    probe.start(python, {u"-c"_s, u"import securesystemslib.formats"_s});
    if (!probe.waitForFinished(60'000) || probe.exitCode() != 0) {
        m_oracleMissing = u"securesystemslib is not importable by "_s + python;
        return;
    }

    QByteArray requests;
    for (const Case &c : std::as_const(m_cases)) {
        requests += c.mode;
        requests += ' ' + QByteArray::number(c.payload.size()) + '\n';
        requests += c.payload;
    }
    QProcess oracle;
    oracle.start(python, {u"-c"_s, QString::fromLatin1(oracleScript), corpusPath()});
    QVERIFY(oracle.waitForStarted());
    oracle.write(requests);
    oracle.closeWriteChannel();
    QVERIFY(oracle.waitForFinished(120'000));
    QVERIFY2(oracle.exitStatus() == QProcess::NormalExit && oracle.exitCode() == 0,
             oracle.readAllStandardError().constData());
    const QByteArray answers = oracle.readAllStandardOutput();
    qsizetype pos = 0;
    while (pos < answers.size()) {
        const qsizetype nl = answers.indexOf('\n', pos);
        QVERIFY(nl > pos);
        const qsizetype length = answers.mid(pos, nl - pos).toLongLong();
        m_oracle.append(answers.mid(nl + 1, length));
        pos = nl + 1 + length;
    }
    QCOMPARE(m_oracle.size(), m_cases.size());
}

void TestCanonicalJson::matchesSecuresystemslib_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < m_cases.size(); ++i)
        QTest::newRow(qPrintable(m_cases.at(i).name)) << i;
}

void TestCanonicalJson::matchesSecuresystemslib()
{
    QFETCH(int, index);
    if (!m_oracleMissing.isEmpty())
        QSKIP(qPrintable(m_oracleMissing));
    const Result<QByteArray> ours = canonical(m_cases.at(index).value);
    QVERIFY2(ours.has_value(), errorOf(ours).constData());
    QCOMPARE(*ours, m_oracle.at(index));
}

void TestCanonicalJson::realMetadataIsInTheCorpus()
{
    if (!QFileInfo::exists(QStringLiteral(UPTANE_SHARED_DIR "/interop/tuf-real")))
        QSKIP("the shared interop fixtures are not checked out next to the source tree");
    QVERIFY(m_realFiles >= 10);
    QVERIFY(m_cases.size() >= 40 + m_realFiles);
}

void TestCanonicalJson::sortsByCodePoint()
{
    // Known answer from the definition: U+FF01 < U+1F600 by code point (and in UTF-8 bytes),
    // while QMap's UTF-16 order puts the surrogate pair 0xD83D first.
    Object o;
    o.insert(u"\U0001F600"_s, 2);
    o.insert(u"\uFF01"_s, 1);
    o.insert(u"\uE000"_s, 0);
    QCOMPARE(o.firstKey(), u"\U0001F600"_s);  // the trap this test guards against
    QCOMPARE(*canonical(o), QByteArray("{\"\xee\x80\x80\":0,\"\xef\xbc\x81\":1,\"\xf0\x9f\x98\x80\":2}"));
}

void TestCanonicalJson::escapesOnlyQuoteAndBackslash()
{
    const Value v(QStringView(u"\"\\/\n\t\0\u2028\U0001F600", 9).toString());
    QCOMPARE(*canonical(v), QByteArray("\"\\\"\\\\/\n\t\0\xe2\x80\xa8\xf0\x9f\x98\x80\"", 17));
    QCOMPARE(*canonical(Value(Array{})), QByteArray("[]"));
    QCOMPARE(*canonical(Value(Object{})), QByteArray("{}"));
    QCOMPARE(*canonical(Value(Array{std::numeric_limits<qint64>::min(), Value(), true})),
             QByteArray("[-9223372036854775808,null,true]"));
}

void TestCanonicalJson::reparsesToTheSameValue_data()
{
    matchesSecuresystemslib_data();
}

void TestCanonicalJson::reparsesToTheSameValue()
{
    // Canonical output is itself JSON our strict reader accepts (control characters aside,
    // which it writes raw and RFC 8259 forbids raw) and canonical form is a fixed point.
    QFETCH(int, index);
    const Value &value = m_cases.at(index).value;
    const QByteArray bytes = *canonical(value);
    const Result<Value> back = parse(bytes);
    if (!back) {
        QCOMPARE(back.error().code, ErrorCode::MalformedJson);
        QVERIFY2(back.error().detail.contains(u"control character"_s), qPrintable(back.error().detail));
        return;
    }
    QCOMPARE(*back == value, true);
    QCOMPARE(*canonical(*back), bytes);
}

void TestCanonicalJson::rejectsNonIntegers_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QString>("path");

    QTest::newRow("top-level double") << Value(0.5) << u""_s;
    QTest::newRow("whole double") << Value(1.0) << u""_s;
    QTest::newRow("parsed fraction") << *parse("{\"signed\":{\"x\":[1,1.5]}}") << u"signed.x[1]"_s;
    QTest::newRow("parsed exponent") << *parse("{\"version\":1e0}") << u"version"_s;
    QTest::newRow("beyond qint64") << *parse("{\"length\":9223372036854775808}") << u"length"_s;
    QTest::newRow("below qint64") << *parse("[-9223372036854775809]") << u"[0]"_s;
    QTest::newRow("under a quoted key")
            << *parse("{\"signed\":{\"targets\":{\"a/b.img\":{\"length\":12.0}}}}")
            << u"signed.targets[\"a/b.img\"].length"_s;
    QTest::newRow("after valid siblings")
            << *parse("{\"a\":[{\"b\":1},{\"c\":{\"d\":2,\"e\":-0.0}}],\"z\":1}") << u"a[1].c.e"_s;
}

void TestCanonicalJson::rejectsNonIntegers()
{
    QFETCH(Value, value);
    QFETCH(QString, path);
    const Result<QByteArray> bytes = canonical(value);
    QVERIFY(!bytes.has_value());
    QCOMPARE(errorCodeName(bytes.error().code), errorCodeName(ErrorCode::NotCanonical));
    if (path.isEmpty())
        QVERIFY2(bytes.error().detail.startsWith(u"non-integer"_s), qPrintable(bytes.error().detail));
    else
        QVERIFY2(bytes.error().detail.startsWith(path + u": "_s), qPrintable(bytes.error().detail));
}

void TestCanonicalJson::rejectsLoneSurrogates()
{
    // No parse() result can hold one, but a Value built in code can; it has no UTF-8 form.
    const QString lone(QChar(0xD800));
    QCOMPARE(canonical(Value(lone)).error().code, ErrorCode::NotCanonical);
    Object o;
    o.insert(u"ok"_s, 1);
    o.insert(u"x"_s + lone, 2);
    const Result<QByteArray> key = canonical(Value(Array{Value(o)}));
    QCOMPARE(key.error().code, ErrorCode::NotCanonical);
    QVERIFY2(key.error().detail.startsWith(u"[0]"_s), qPrintable(key.error().detail));
}

QTEST_GUILESS_MAIN(TestCanonicalJson)
#include "tst_canonicaljson.moc"

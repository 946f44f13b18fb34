// The metadata bundle (a tar archive, libarchive): round trips, the same bytes for the same
// files, interoperability with Python's tarfile (an independent tar implementation, used as
// the oracle in both directions), every refusal of the strict reader, and BundleFetcher.
//
// Hostile archives are built here byte by byte (ustar headers per POSIX.1-2001 "pax"
// Interchange Format, ustar Interchange Format), so each one differs from a good archive in
// exactly the field the test is about.

#include "resultcode.h"
#include "vehicle/bundle.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <algorithm>

using namespace Uptane;
using namespace Uptane::Test;
using namespace Uptane::Vehicle;
using namespace Qt::StringLiterals;

using Files = QMap<QString, QByteArray>;

Q_DECLARE_METATYPE(Uptane::ErrorCode)
Q_DECLARE_METATYPE(Uptane::Vehicle::BundleLimits)


namespace {

const QString kPython = u"/usr/bin/python3"_s;

// One ustar header block (512 bytes) with a correct checksum unless told otherwise.
QByteArray ustarHeader(const QByteArray &name, qint64 size, char type = '0', const QByteArray &linkName = {},
                       bool breakChecksum = false)
{
    QByteArray block(512, '\0');
    auto put = [&block](int offset, const QByteArray &value) { block.replace(offset, value.size(), value); };
    auto octal = [](qint64 value, int width) -> QByteArray {
        // width - 1 octal digits and a NUL, as ustar wants.
        return QByteArray::number(value, 8).rightJustified(width - 1, '0') + '\0';
    };
    put(0, name.left(100));
    put(100, octal(0644, 8));
    put(108, octal(0, 8));
    put(116, octal(0, 8));
    put(124, octal(size, 12));
    put(136, octal(0, 12));
    put(148, QByteArray(8, ' '));
    block[156] = type;
    put(157, linkName.left(100));
    put(257, QByteArray("ustar\0", 6));
    put(263, "00");
    int sum = 0;
    for (const char c : std::as_const(block))
        sum += static_cast<unsigned char>(c);
    if (breakChecksum)
        sum += 1;
    put(148, QByteArray::number(sum, 8).rightJustified(6, '0') + QByteArray("\0 ", 2));
    return block;
}

QByteArray padded(const QByteArray &data)
{
    return data + QByteArray((512 - data.size() % 512) % 512, '\0');
}

struct RawEntry
{
    QByteArray name;
    QByteArray data;
    char type = '0';
    QByteArray linkName = {};
};

// A complete archive of raw entries: headers, data padded to blocks, two zero blocks.
QByteArray rawArchive(const QList<RawEntry> &entries)
{
    QByteArray out;
    for (const RawEntry &entry : entries)
        out += ustarHeader(entry.name, entry.data.size(), entry.type, entry.linkName) + padded(entry.data);
    return out + QByteArray(1024, '\0');
}

// A pax extended header ('x') giving the next entry's path (records "<len> path=<value>\n").
QByteArray paxPath(const QByteArray &path)
{
    QByteArray record = " path=" + path + '\n';
    qsizetype length = record.size() + 1;
    while (QByteArray::number(length).size() + record.size() != length)
        ++length;
    record.prepend(QByteArray::number(length));
    return ustarHeader("PaxHeader/x", record.size(), 'x') + padded(record);
}

bool pythonAvailable()
{
    return QFileInfo(kPython).isExecutable();
}

// Runs a Python script with input on stdin; stdout, or a test failure naming stderr.
QByteArray runPython(const QString &script, const QByteArray &input)
{
    QProcess python;
    python.start(kPython, {u"-c"_s, script});
    if (!python.waitForStarted())
        return {};
    python.write(input);
    python.closeWriteChannel();
    python.waitForFinished(60000);
    if (python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0) {
        qWarning().noquote() << QString::fromUtf8(python.readAllStandardError());
        return {};
    }
    return python.readAllStandardOutput();
}

QJsonObject toJson(const Files &files)
{
    QJsonObject object;
    for (auto it = files.cbegin(); it != files.cend(); ++it)
        object.insert(it.key(), QString::fromLatin1(it.value().toBase64()));
    return object;
}

// The files as Python's tarfile writes them in one of its formats (USTAR_FORMAT, ...), with
// metadata we do not write ourselves (a real mtime, a user name); empty on failure.
QByteArray pythonArchive(const Files &files, const QString &format)
{
    const QString script = (u"import sys, tarfile, io, json, base64\n"
                            "files = json.loads(sys.stdin.buffer.read())\n"
                            "buf = io.BytesIO()\n"
                            "with tarfile.open(fileobj=buf, mode='w', format=tarfile.%1) as t:\n"
                            "    for name in sorted(files):\n"
                            "        data = base64.b64decode(files[name])\n"
                            "        info = tarfile.TarInfo(name)\n"
                            "        info.size = len(data)\n"
                            "        info.mtime = 1700000000\n"
                            "        info.uname = 'someone'\n"
                            "        t.addfile(info, io.BytesIO(data))\n"
                            "sys.stdout.buffer.write(buf.getvalue())\n"_s)
                               .arg(format);
    return runPython(script, QJsonDocument(toJson(files)).toJson(QJsonDocument::Compact));
}

Files sampleFiles()
{
    return {
        {u"director/1.root.der"_s, QByteArray("root one")},
        {u"director/timestamp.der"_s, QByteArray("timestamp")},
        {u"imagerepo/4.supplier-acme.der"_s, QByteArray(1500, 'x')},
        {u"imagerepo/empty.der"_s, QByteArray()},
    };
}

// The sample and a name ustar can only hold with its prefix field, and pax/GNU with their
// own records.
Files sampleWithLongName()
{
    Files files = sampleFiles();
    files.insert(u"imagerepo/"_s + QString(90, u'r') + u"/"_s + QString(60, u's') + u".der"_s, "long");
    return files;
}

} // namespace

class TestBundle : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void deterministic();
    void pythonReadsOurs();
    void weReadPython_data();
    void weReadPython();
    void writeRefusesNames_data();
    void writeRefusesNames();
    void refusals_data();
    void refusals();
    void limitsAtTheirEdge();
    void fetcher();
    void fetchTo();
    void fuzzCorpusIsCurrent();
};

void TestBundle::roundTrip_data()
{
    QTest::addColumn<Files>("files");
    QTest::newRow("none") << Files{};
    QTest::newRow("sample") << sampleFiles();
    QByteArray binary;
    for (int i = 0; i < 256; ++i)
        binary.append(char(i));
    QTest::newRow("binary") << Files{{u"director/7.targets.der"_s, binary.repeated(9)}};
    QTest::newRow("one MiB") << Files{{u"imagerepo/big.der"_s, QByteArray(1024 * 1024, '\x5a')}};
    // 8 segments of 120 characters: far past ustar's 100 + 155, so a pax header carries it.
    QStringList segments;
    for (int i = 0; i < 8; ++i)
        segments.append(QString(120, QChar(u'a' + i)));
    QTest::newRow("long name") << Files{{segments.join(u'/'), QByteArray("deep")}, {u"a/b"_s, QByteArray("b")}};
}

void TestBundle::roundTrip()
{
    QFETCH(Files, files);
    auto bytes = writeBundle(files);
    QVERIFY2(bytes, qPrintable(bytes ? QString() : bytes.error().toString()));
    QCOMPARE(bytes->size() % 512, 0);
    auto read = readBundle(*bytes);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().toString()));
    QCOMPARE(*read, files);
}

void TestBundle::deterministic()
{
    Files forward;
    Files backward;
    const Files sample = sampleFiles();
    for (auto it = sample.cbegin(); it != sample.cend(); ++it)
        forward.insert(it.key(), it.value());
    QStringList names = sample.keys();
    std::ranges::reverse(names);
    for (const QString &name : std::as_const(names))
        backward.insert(name, sample.value(name));
    auto first = writeBundle(forward);
    auto second = writeBundle(backward);
    QVERIFY(first && second);
    QCOMPARE(*first, *second);
    // Another file's content changes the bytes (the comparison above is not vacuous).
    Files changed = sample;
    changed[u"director/timestamp.der"_s] = "timestamP";
    auto third = writeBundle(changed);
    QVERIFY(third);
    QVERIFY(*third != *first);
}

void TestBundle::pythonReadsOurs()
{
    if (!pythonAvailable())
        QSKIP("no /usr/bin/python3 for the tarfile oracle");
    const Files files = sampleFiles();
    auto bytes = writeBundle(files);
    QVERIFY(bytes);
    // Python lists every member with the metadata we promise to write (regular, 0644,
    // mtime 0, uid/gid 0) and its content.
    const QString script = u"import sys, tarfile, io, json, base64\n"
                           "out = {}\n"
                           "with tarfile.open(fileobj=io.BytesIO(sys.stdin.buffer.read()), mode='r:') as t:\n"
                           "    for m in t.getmembers():\n"
                           "        out[m.name] = {'reg': m.isreg(), 'mode': m.mode, 'mtime': m.mtime, 'uid': m.uid,\n"
                           "                       'gid': m.gid, 'data': base64.b64encode(t.extractfile(m).read()).decode()}\n"
                           "print(json.dumps(out))\n"_s;
    const QByteArray output = runPython(script, *bytes);
    QVERIFY(!output.isEmpty());
    const QJsonObject members = QJsonDocument::fromJson(output).object();
    QCOMPARE(members.size(), files.size());
    for (auto it = files.cbegin(); it != files.cend(); ++it) {
        const QJsonObject member = members.value(it.key()).toObject();
        QVERIFY2(!member.isEmpty(), qPrintable(it.key()));
        QCOMPARE(member.value(u"reg"_s).toBool(), true);
        QCOMPARE(member.value(u"mode"_s).toInt(), 0644);
        QCOMPARE(member.value(u"mtime"_s).toInt(), 0);
        QCOMPARE(member.value(u"uid"_s).toInt(), 0);
        QCOMPARE(member.value(u"gid"_s).toInt(), 0);
        QCOMPARE(QByteArray::fromBase64(member.value(u"data"_s).toString().toLatin1()), it.value());
    }
}

void TestBundle::weReadPython_data()
{
    QTest::addColumn<QString>("format");
    QTest::newRow("ustar") << u"USTAR_FORMAT"_s;
    QTest::newRow("pax") << u"PAX_FORMAT"_s;
    QTest::newRow("gnu") << u"GNU_FORMAT"_s;
}

void TestBundle::weReadPython()
{
    QFETCH(QString, format);
    if (!pythonAvailable())
        QSKIP("no /usr/bin/python3 for the tarfile oracle");
    const Files files = sampleWithLongName();
    const QByteArray archive = pythonArchive(files, format);
    QVERIFY(!archive.isEmpty());
    auto read = readBundle(archive);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().toString()));
    QCOMPARE(*read, files);
}

void TestBundle::writeRefusesNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("one segment") << u"root.der"_s;
    QTest::newRow("empty") << QString();
    QTest::newRow("dot-dot") << u"director/../root.der"_s;
    QTest::newRow("leading dot") << u"director/.hidden"_s;
    QTest::newRow("absolute") << u"/director/root.der"_s;
    QTest::newRow("trailing slash") << u"director/root.der/"_s;
    QTest::newRow("double slash") << u"director//root.der"_s;
    QTest::newRow("space") << u"director/root file.der"_s;
    QTest::newRow("non-ASCII") << u"director/r\u00f6\u00f6t.der"_s;
    QTest::newRow("nine segments") << u"a/b/c/d/e/f/g/h/i"_s;
    QTest::newRow("segment too long") << u"director/"_s + QString(129, u'x');
}

void TestBundle::writeRefusesNames()
{
    QFETCH(QString, name);
    auto bytes = writeBundle({{u"director/ok.der"_s, "ok"}, {name, "bad"}});
    QVERIFY(!bytes);
    QCOMPARE(codeOf(bytes), std::optional(ErrorCode::InvalidArgument));
}

void TestBundle::refusals_data()
{
    QTest::addColumn<QByteArray>("archive");
    QTest::addColumn<BundleLimits>("limits");
    QTest::addColumn<ErrorCode>("code");

    const BundleLimits defaults;
    const QByteArray good = *writeBundle(sampleFiles());
    const RawEntry ok{"director/root.der", "root"};

    QTest::newRow("not a tar") << QByteArray("this is not a tar archive, not at all").repeated(40) << defaults
                               << ErrorCode::SchemaViolation;
    QTest::newRow("empty input") << QByteArray() << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("gzip") << QByteArray::fromHex("1f8b0800000000000003030000000000000000000000") << defaults
                          << ErrorCode::SchemaViolation;
    QTest::newRow("truncated in data") << good.left(512 * 6 + 100) << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("truncated in header") << good.left(300) << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("no end blocks") << good.left(512 * 2) << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("bad checksum") << ustarHeader("director/root.der", 4, '0', {}, true) + padded("root") + QByteArray(1024, '\0')
                                  << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("symlink") << rawArchive({ok, {"director/link.der", {}, '2', "root.der"}}) << defaults
                             << ErrorCode::SchemaViolation;
    QTest::newRow("hard link") << rawArchive({ok, {"director/link.der", {}, '1', "director/root.der"}}) << defaults
                               << ErrorCode::SchemaViolation;
    QTest::newRow("directory") << rawArchive({{"director/sub/", {}, '5'}, ok}) << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("fifo") << rawArchive({{"director/fifo", {}, '6'}}) << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("character device") << rawArchive({{"director/tty", {}, '3'}}) << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("dot-dot first") << rawArchive({{"../x", "x"}}) << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("dot-dot inside") << rawArchive({{"director/../../x", "x"}}) << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("dot segment") << rawArchive({{"./director/root.der", "x"}}) << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("absolute") << rawArchive({{"/director/root.der", "x"}}) << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("one segment") << rawArchive({{"root.der", "x"}}) << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("nine segments") << rawArchive({{"a/b/c/d/e/f/g/h/i", "x"}}) << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("space in name") << rawArchive({{"director/ro ot.der", "x"}}) << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("pax path escapes") << paxPath("../../etc/passwd") + ustarHeader("director/root.der", 4) + padded("root")
                                             + QByteArray(1024, '\0')
                                      << defaults << ErrorCode::SchemaViolation;
    QTest::newRow("duplicate") << rawArchive({ok, {"director/other.der", "x"}, ok}) << defaults << ErrorCode::SchemaViolation;

    BundleLimits twoEntries;
    twoEntries.maxEntries = 2;
    QTest::newRow("too many entries") << rawArchive({ok, {"director/a.der", "a"}, {"director/b.der", "b"}}) << twoEntries
                                      << ErrorCode::TooLarge;
    BundleLimits smallEntries;
    smallEntries.maxEntryBytes = 100;
    QTest::newRow("entry too large") << rawArchive({ok, {"director/big.der", QByteArray(101, 'b')}}) << smallEntries
                                     << ErrorCode::TooLarge;
    // The header announces 1 GiB and the archive ends right after it: refused on the header's
    // word (TooLarge), before any attempt to read (which would say truncated).
    QTest::newRow("too large by header") << ustarHeader("director/huge.der", 1LL << 30) + QByteArray(1024, '\0') << defaults
                                         << ErrorCode::TooLarge;
    BundleLimits smallTotal;
    smallTotal.maxTotalBytes = 150;
    QTest::newRow("total too large") << rawArchive({{"director/a.der", QByteArray(60, 'a')}, {"director/b.der", QByteArray(60, 'b')},
                                                    {"director/c.der", QByteArray(60, 'c')}})
                                     << smallTotal << ErrorCode::TooLarge;
}

void TestBundle::refusals()
{
    QFETCH(QByteArray, archive);
    QFETCH(BundleLimits, limits);
    QFETCH(ErrorCode, code);
    auto read = readBundle(archive, limits);
    QVERIFY2(!read, read ? qPrintable(QStringList(read->keys()).join(u", "_s)) : "");
    QCOMPARE(read.error().code, code);
}

void TestBundle::limitsAtTheirEdge()
{
    // Exactly at every limit is accepted: the refusals above are about one byte or entry more.
    const QByteArray archive = rawArchive({{"director/a.der", QByteArray(60, 'a')}, {"director/b.der", QByteArray(90, 'b')}});
    BundleLimits limits;
    limits.maxEntries = 2;
    limits.maxEntryBytes = 90;
    limits.maxTotalBytes = 150;
    auto read = readBundle(archive, limits);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().toString()));
    QCOMPARE(read->size(), 2);
    limits.maxTotalBytes = 149;
    QCOMPARE(codeOf(readBundle(archive, limits)), std::optional(ErrorCode::TooLarge));
    limits.maxTotalBytes = 150;
    limits.maxEntryBytes = 89;
    QCOMPARE(codeOf(readBundle(archive, limits)), std::optional(ErrorCode::TooLarge));
}

void TestBundle::fetcher()
{
    BundleFetcher fetcher(sampleFiles());
    QCOMPARE(BundleFetcher::baseUrl(u"director"_s), u"bundle:director/"_s);

    auto root = fetcher.fetch(BundleFetcher::baseUrl(u"director"_s) + u"1.root.der"_s, 8);
    QVERIFY(root);
    QCOMPARE(*root, QByteArray("root one"));
    auto empty = fetcher.fetch(u"bundle:imagerepo/empty.der"_s, 0);
    QVERIFY(empty);
    QVERIFY(empty->isEmpty());

    auto missing = fetcher.fetch(u"bundle:director/2.root.der"_s, 1024);
    QVERIFY(!missing);
    QCOMPARE(codeOf(missing), std::optional(ErrorCode::NotFound));
    auto tooLarge = fetcher.fetch(u"bundle:director/1.root.der"_s, 7);
    QVERIFY(!tooLarge);
    QCOMPARE(codeOf(tooLarge), std::optional(ErrorCode::TooLarge));
    auto otherScheme = fetcher.fetch(u"http://127.0.0.1/director/1.root.der"_s, 1024);
    QVERIFY(!otherScheme);
    QCOMPARE(codeOf(otherScheme), std::optional(ErrorCode::InvalidArgument));

    // Only what was handed out counts as served.
    QCOMPARE(fetcher.served(), (QStringList{u"director/1.root.der"_s, u"imagerepo/empty.der"_s}));
}

void TestBundle::fetchTo()
{
    BundleFetcher fetcher(sampleFiles());
    QBuffer sink;
    QVERIFY(sink.open(QIODevice::WriteOnly));
    auto written = fetcher.fetchTo(u"bundle:imagerepo/4.supplier-acme.der"_s, 1500, sink);
    QVERIFY(written);
    QCOMPARE(*written, 1500);
    QCOMPARE(sink.data(), QByteArray(1500, 'x'));

    QBuffer untouched;
    QVERIFY(untouched.open(QIODevice::WriteOnly));
    auto tooLarge = fetcher.fetchTo(u"bundle:imagerepo/4.supplier-acme.der"_s, 1499, untouched);
    QVERIFY(!tooLarge);
    QCOMPARE(codeOf(tooLarge), std::optional(ErrorCode::TooLarge));
    QVERIFY(untouched.data().isEmpty());
    auto missing = fetcher.fetchTo(u"bundle:imagerepo/none.der"_s, 1500, untouched);
    QVERIFY(!missing);
    QCOMPARE(codeOf(missing), std::optional(ErrorCode::NotFound));

    QBuffer readOnly;
    QVERIFY(readOnly.open(QIODevice::ReadOnly));
    QTest::ignoreMessage(QtWarningMsg, "QIODevice::write (QBuffer): ReadOnly device");
    auto unwritable = fetcher.fetchTo(u"bundle:director/timestamp.der"_s, 1500, readOnly);
    QVERIFY(!unwritable);
    QCOMPARE(codeOf(unwritable), std::optional(ErrorCode::IoError));
}

// The fuzz seeds (tests/fuzz/corpus/bundle/): ours and Python's in its three formats.
// UPTANE_WRITE_FUZZ_CORPUS=1 (re)writes them; otherwise ours must be byte for byte what
// writeBundle writes now, and every seed must still read to its files, so the seeds do not
// rot into inputs the reader refuses.
void TestBundle::fuzzCorpusIsCurrent()
{
    struct Seed
    {
        QString file;
        Files files;
        QString pythonFormat;  // empty: written by writeBundle
    };
    const QList<Seed> seeds{
        {u"ours-empty.tar"_s, Files{}, {}},
        {u"ours-sample.tar"_s, sampleFiles(), {}},
        {u"ours-long-name.tar"_s, sampleWithLongName(), {}},
        {u"python-ustar.tar"_s, sampleWithLongName(), u"USTAR_FORMAT"_s},
        {u"python-pax.tar"_s, sampleWithLongName(), u"PAX_FORMAT"_s},
        {u"python-gnu.tar"_s, sampleWithLongName(), u"GNU_FORMAT"_s},
    };
    const QString corpus = QStringLiteral(UPTANE_SOURCE_DIR "/tests/fuzz/corpus/bundle/");
    const bool write = qEnvironmentVariableIntValue("UPTANE_WRITE_FUZZ_CORPUS") != 0;
    QVERIFY(!write || QDir().mkpath(corpus));
    for (const Seed &seed : seeds) {
        QFile file(corpus + seed.file);
        if (write) {
            if (!seed.pythonFormat.isEmpty() && !pythonAvailable())
                QSKIP("no /usr/bin/python3 to write the tarfile seeds");
            const QByteArray bytes = seed.pythonFormat.isEmpty() ? writeBundle(seed.files).value()
                                                                 : pythonArchive(seed.files, seed.pythonFormat);
            QVERIFY(!bytes.isEmpty());
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QCOMPARE(file.write(bytes), bytes.size());
            file.close();
        }
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        const QByteArray bytes = file.readAll();
        if (seed.pythonFormat.isEmpty())
            QCOMPARE(bytes, writeBundle(seed.files).value());
        const auto read = readBundle(bytes);
        QVERIFY2(read, qPrintable(seed.file + u": "_s + (read ? QString() : read.error().toString())));
        QCOMPARE(*read, seed.files);
    }
}

QTEST_GUILESS_MAIN(TestBundle)
#include "tst_bundle.moc"

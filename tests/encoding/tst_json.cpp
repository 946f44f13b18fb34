// Strict JSON reading (RFC 8259) and the pretty writer. Invalid inputs are checked by code and
// by the path the error names; UTF-8 rules follow RFC 3629 §4 (Table 3-7 of Unicode 15).

#include "encoding/json.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>

#include <limits>

using namespace Uptane;
using namespace Uptane::Json;
using namespace Qt::StringLiterals;

namespace Uptane::Json {
// QCOMPARE prints values through this.
char *toString(const Value &value)
{
    return qstrdup(pretty(value).trimmed().constData());
}
} // namespace Uptane::Json

namespace {

Object obj(std::initializer_list<std::pair<QString, Value>> members)
{
    Object o;
    for (const auto &[k, v] : members)
        o.insert(k, v);
    return o;
}

// The value or the error, for failure messages (never dereferences the wrong branch).
QByteArray describe(const Result<Value> &r)
{
    return r ? pretty(*r) : r.error().toString().toUtf8();
}

// n nested arrays: "[[[...]]]"
QByteArray nestedArrays(int n)
{
    return QByteArray(n, '[') + QByteArray(n, ']');
}

} // namespace

class TestJson : public QObject
{
    Q_OBJECT
private slots:
    void parsesValid_data();
    void parsesValid();
    void rejectsInvalid_data();
    void rejectsInvalid();
    void rejectsBrokenFixtures_data();
    void rejectsBrokenFixtures();
    void depthLimit();
    void depthBombDoesNotOverflowTheStack();
    void sizeLimit();
    void bigIntegers();
    void errorNamesByteOffset();
    void accessors();
    void typeNames();
    void paths_data();
    void paths();
    void prettyRoundTrips_data();
    void prettyRoundTrips();
    void prettyIsSortedAndIndented();
    void largeDocument();
};

void TestJson::parsesValid_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<Value>("expected");

    QTest::newRow("null") << QByteArray("null") << Value();
    QTest::newRow("true") << QByteArray("true") << Value(true);
    QTest::newRow("false") << QByteArray(" false ") << Value(false);
    QTest::newRow("zero") << QByteArray("0") << Value(0);
    QTest::newRow("minus zero is integer 0") << QByteArray("-0") << Value(0);
    QTest::newRow("integer") << QByteArray("1234567") << Value(1234567);
    QTest::newRow("negative") << QByteArray("-42") << Value(-42);
    QTest::newRow("qint64 max") << QByteArray("9223372036854775807")
                                << Value(std::numeric_limits<qint64>::max());
    QTest::newRow("qint64 min") << QByteArray("-9223372036854775808")
                                << Value(std::numeric_limits<qint64>::min());
    QTest::newRow("above qint64 is double") << QByteArray("9223372036854775808")
                                            << Value(9223372036854775808.0);
    QTest::newRow("below qint64 is double") << QByteArray("-9223372036854775809")
                                            << Value(-9223372036854775809.0);
    QTest::newRow("fraction") << QByteArray("1.5") << Value(1.5);
    QTest::newRow("exponent makes double") << QByteArray("1e3") << Value(1000.0);
    QTest::newRow("exponent signs") << QByteArray("[1E+2,25e-1,-0.0]")
                                    << Value(Array{100.0, 2.5, -0.0});
    QTest::newRow("underflow is zero") << QByteArray("1e-400") << Value(0.0);
    QTest::newRow("empty string") << QByteArray("\"\"") << Value(u""_s);
    QTest::newRow("simple escapes") << QByteArray("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"")
                                    << Value(u"\"\\/\b\f\n\r\t"_s);
    QTest::newRow("u escape") << QByteArray("\"caf\\u00e9 \\u00E9\"") << Value(u"caf\u00e9 \u00e9"_s);
    QTest::newRow("u escape nul") << QByteArray("\"a\\u0000b\"") << Value(QStringView(u"a\0b", 3).toString());
    QTest::newRow("surrogate pair") << QByteArray("\"\\ud83d\\ude00\"") << Value(u"\U0001F600"_s);
    QTest::newRow("raw utf-8") << QByteArray("\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"")
                               << Value(u"\u00e9\u20ac\U0001F600"_s);
    QTest::newRow("raw U+2028") << QByteArray("\"\xe2\x80\xa8\"") << Value(u"\u2028"_s);
    QTest::newRow("U+10FFFF") << QByteArray("\"\xf4\x8f\xbf\xbf\"") << Value(u"\U0010FFFF"_s);
    QTest::newRow("leading U+FEFF escaped") << QByteArray("\"\\ufeff\\ufeffa\"") << Value(u"\uFEFF\uFEFFa"_s);
    QTest::newRow("leading U+FEFF raw") << QByteArray("{\"\xef\xbb\xbf\":\"\xef\xbb\xbf\"}")
                                        << Value(obj({{u"\uFEFF"_s, u"\uFEFF"_s}}));
    QTest::newRow("U+FFFF") << QByteArray("\"\xef\xbf\xbf\"") << Value(u"\uFFFF"_s);
    QTest::newRow("escape then raw") << QByteArray("\"\\n\xc3\xa9x\"") << Value(u"\n\u00e9x"_s);
    QTest::newRow("empty array") << QByteArray("[]") << Value(Array{});
    QTest::newRow("empty object") << QByteArray("{ }") << Value(Object{});
    QTest::newRow("array whitespace") << QByteArray(" \t\r\n[ 1 ,\n2\t,3 ] \n")
                                      << Value(Array{1, 2, 3});
    QTest::newRow("mixed array") << QByteArray("[null,true,\"x\",[],{}]")
                                 << Value(Array{Value(), true, u"x"_s, Array{}, Object{}});
    QTest::newRow("nested object")
            << QByteArray("{\"signed\":{\"roles\":{\"root\":{\"threshold\":1,\"keyids\":[\"ab\"]}}}}")
            << Value(obj({{u"signed"_s,
                           obj({{u"roles"_s,
                                 obj({{u"root"_s, obj({{u"threshold"_s, 1},
                                                       {u"keyids"_s, Array{u"ab"_s}}})}})}})}}));
    QTest::newRow("escaped key") << QByteArray("{\"\\u0061/b\":1}") << Value(obj({{u"a/b"_s, 1}}));
    QTest::newRow("astral key") << QByteArray("{\"\xf0\x9f\x98\x80\":\"\xef\xbc\x81\"}")
                                << Value(obj({{u"\U0001F600"_s, u"\uFF01"_s}}));
}

void TestJson::parsesValid()
{
    QFETCH(QByteArray, input);
    QFETCH(Value, expected);
    const Result<Value> parsed = parse(input);
    QVERIFY2(parsed.has_value(), describe(parsed).constData());
    QCOMPARE(*parsed, expected);
    QCOMPARE(parsed->type(), expected.type());
}

void TestJson::rejectsInvalid_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("path");  // "" for the document root

    const ErrorCode bad = ErrorCode::MalformedJson;
    // Syntax
    QTest::newRow("empty") << QByteArray("") << bad << u""_s;
    QTest::newRow("only whitespace") << QByteArray(" \n ") << bad << u""_s;
    QTest::newRow("unterminated array") << QByteArray("[1,2") << bad << u""_s;
    QTest::newRow("unterminated object") << QByteArray("{\"a\":1") << bad << u""_s;
    QTest::newRow("missing value") << QByteArray("{\"a\":}") << bad << u"a"_s;
    QTest::newRow("missing colon") << QByteArray("{\"a\" 1}") << bad << u""_s;
    QTest::newRow("unquoted key") << QByteArray("{a:1}") << bad << u""_s;
    QTest::newRow("trailing comma array") << QByteArray("{\"k\":[1,]}") << bad << u"k[1]"_s;
    QTest::newRow("trailing comma object") << QByteArray("{\"k\":{\"a\":1,}}") << bad << u"k"_s;
    QTest::newRow("single quotes") << QByteArray("'a'") << bad << u""_s;
    QTest::newRow("bad literal") << QByteArray("[tru]") << bad << u"[0]"_s;
    QTest::newRow("capital literal") << QByteArray("True") << bad << u""_s;
    QTest::newRow("missing comma") << QByteArray("{\"a\":[1 2]}") << bad << u"a"_s;
    // Trailing garbage
    QTest::newRow("two documents") << QByteArray("1 2") << bad << u""_s;
    QTest::newRow("extra bracket") << QByteArray("[1]]") << bad << u""_s;
    QTest::newRow("garbage after object") << QByteArray("{} x") << bad << u""_s;
    QTest::newRow("nul after document") << QByteArray("{}\0", 3) << bad << u""_s;
    QTest::newRow("literal suffix") << QByteArray("nulll") << bad << u""_s;
    // Numbers
    QTest::newRow("leading zero") << QByteArray("01") << bad << u""_s;
    QTest::newRow("leading zero nested") << QByteArray("{\"signed\":{\"version\":01}}") << bad
                                         << u"signed.version"_s;
    QTest::newRow("negative leading zero") << QByteArray("-012") << bad << u""_s;
    QTest::newRow("minus alone") << QByteArray("-") << bad << u""_s;
    QTest::newRow("minus in array") << QByteArray("[-]") << bad << u"[0]"_s;
    QTest::newRow("plus sign") << QByteArray("+1") << bad << u""_s;
    QTest::newRow("bare fraction") << QByteArray(".5") << bad << u""_s;
    QTest::newRow("dot without digits") << QByteArray("1.") << bad << u""_s;
    QTest::newRow("exponent without digits") << QByteArray("1e") << bad << u""_s;
    QTest::newRow("exponent sign only") << QByteArray("1e+") << bad << u""_s;
    QTest::newRow("hex") << QByteArray("0x10") << bad << u""_s;
    QTest::newRow("NaN") << QByteArray("NaN") << bad << u""_s;
    QTest::newRow("Infinity") << QByteArray("{\"x\":Infinity}") << bad << u"x"_s;
    QTest::newRow("-Infinity") << QByteArray("[-Infinity]") << bad << u"[0]"_s;
    QTest::newRow("overflowing double") << QByteArray("{\"n\":1e400}") << bad << u"n"_s;
    // Comments
    QTest::newRow("line comment") << QByteArray("// c\n1") << bad << u""_s;
    QTest::newRow("block comment") << QByteArray("/* c */ 1") << bad << u""_s;
    QTest::newRow("comment in array") << QByteArray("{\"a\":[1 /* c */]}") << bad << u"a"_s;
    // Strings
    QTest::newRow("unterminated string") << QByteArray("\"abc") << bad << u""_s;
    QTest::newRow("raw tab") << QByteArray("\"a\tb\"") << bad << u""_s;
    QTest::newRow("raw newline in member") << QByteArray("{\"k\":\"a\nb\"}") << bad << u"k"_s;
    QTest::newRow("raw nul") << QByteArray("\"a\0b\"", 5) << bad << u""_s;
    QTest::newRow("raw DEL is fine but 0x1f is not") << QByteArray("[\"\x7f\",\"\x1f\"]") << bad
                                                     << u"[1]"_s;
    QTest::newRow("invalid escape") << QByteArray("\"\\x41\"") << bad << u""_s;
    QTest::newRow("uppercase U escape") << QByteArray("\"\\U0041\"") << bad << u""_s;
    QTest::newRow("short u escape") << QByteArray("\"\\u12\"") << bad << u""_s;
    QTest::newRow("non-hex u escape") << QByteArray("\"\\u12G4\"") << bad << u""_s;
    QTest::newRow("lone high surrogate") << QByteArray("{\"s\":\"\\ud800\"}") << bad << u"s"_s;
    QTest::newRow("lone low surrogate") << QByteArray("[\"\\udc00\"]") << bad << u"[0]"_s;
    QTest::newRow("high then letter") << QByteArray("\"\\ud800\\u0041\"") << bad << u""_s;
    QTest::newRow("high then raw") << QByteArray("\"\\ud83dx\"") << bad << u""_s;
    QTest::newRow("two highs") << QByteArray("\"\\ud83d\\ud83d\"") << bad << u""_s;
    // UTF-8 (RFC 3629 §4)
    QTest::newRow("BOM") << QByteArray("\xef\xbb\xbf{}") << bad << u""_s;
    QTest::newRow("raw byte outside string") << QByteArray("[\xc3\xa9]") << bad << u"[0]"_s;
    QTest::newRow("lone continuation") << QByteArray("\"\x80\"") << bad << u""_s;
    QTest::newRow("overlong 2-byte") << QByteArray("\"\xc0\xaf\"") << bad << u""_s;
    QTest::newRow("overlong C1") << QByteArray("\"\xc1\xbf\"") << bad << u""_s;
    QTest::newRow("overlong 3-byte") << QByteArray("\"\xe0\x80\xaf\"") << bad << u""_s;
    QTest::newRow("overlong 4-byte") << QByteArray("\"\xf0\x80\x80\xaf\"") << bad << u""_s;
    QTest::newRow("utf-8 surrogate D800") << QByteArray("{\"v\":\"\xed\xa0\x80\"}") << bad << u"v"_s;
    QTest::newRow("utf-8 surrogate DFFF") << QByteArray("\"\xed\xbf\xbf\"") << bad << u""_s;
    QTest::newRow("above U+10FFFF") << QByteArray("\"\xf4\x90\x80\x80\"") << bad << u""_s;
    QTest::newRow("F5 lead") << QByteArray("\"\xf5\x80\x80\x80\"") << bad << u""_s;
    QTest::newRow("FF byte") << QByteArray("\"\xff\"") << bad << u""_s;
    QTest::newRow("truncated sequence") << QByteArray("\"\xe2\x82" "a\"") << bad << u""_s;
    QTest::newRow("truncated at end") << QByteArray("\"\xe2\x82") << bad << u""_s;
    QTest::newRow("invalid utf-8 in key") << QByteArray("{\"a\":{\"\xff\":1}}") << bad << u"a"_s;
    // Duplicate keys: the path is the object holding them
    QTest::newRow("duplicate at root") << QByteArray("{\"a\":1,\"a\":2}") << bad << u""_s;
    QTest::newRow("duplicate via escape") << QByteArray("{\"a\":1,\"\\u0061\":2}") << bad << u""_s;
    QTest::newRow("duplicate nested")
            << QByteArray("{\"signed\":{\"roles\":{\"root\":{},\"timestamp\":{},\"root\":{}}}}")
            << bad << u"signed.roles"_s;
    QTest::newRow("duplicate in array element")
            << QByteArray("{\"signatures\":[{},{\"sig\":\"a\",\"sig\":\"b\"}]}") << bad
            << u"signatures[1]"_s;
    // Paths through arrays and through keys that need quoting
    QTest::newRow("path through array")
            << QByteArray("{\"signatures\":[{\"sig\":\"x\"},{\"sig\":01}]}") << bad
            << u"signatures[1].sig"_s;
    QTest::newRow("path through quoted key")
            << QByteArray("{\"signed\":{\"targets\":{\"a/b.img\":{\"length\":-}}}}") << bad
            << u"signed.targets[\"a/b.img\"].length"_s;
}

void TestJson::rejectsInvalid()
{
    QFETCH(QByteArray, input);
    QFETCH(ErrorCode, code);
    QFETCH(QString, path);
    const Result<Value> parsed = parse(input);
    QVERIFY2(!parsed.has_value(), describe(parsed).constData());
    QCOMPARE(errorCodeName(parsed.error().code), errorCodeName(code));
    if (!path.isEmpty())
        QVERIFY2(parsed.error().detail.startsWith(path + u": "_s), qPrintable(parsed.error().detail));
    QVERIFY2(parsed.error().detail.contains(u" at byte "_s), qPrintable(parsed.error().detail));
}

void TestJson::rejectsBrokenFixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("path");

    const ErrorCode bad = ErrorCode::MalformedJson;
    QTest::newRow("duplicate threshold") << u"duplicate-threshold.json"_s << bad
                                         << u"signed.roles.root"_s;
    QTest::newRow("duplicate signed") << u"duplicate-signed.json"_s << bad << u""_s;
    QTest::newRow("leading zero version") << u"leading-zero-version.json"_s << bad
                                          << u"signed.version"_s;
    QTest::newRow("lone surrogate") << u"lone-surrogate.json"_s << bad
                                    << u"signed.targets[\"a.img\"].custom.note"_s;
    QTest::newRow("overlong utf-8") << u"overlong-utf8.json"_s << bad << u"signed"_s;
    QTest::newRow("trailing garbage") << u"trailing-garbage.json"_s << bad << u""_s;
    QTest::newRow("comment") << u"comment.json"_s << bad << u"signed"_s;
    QTest::newRow("nan") << u"nan.json"_s << bad << u"signed.expires"_s;
    QTest::newRow("deep") << u"deep.json"_s << ErrorCode::TooDeep << u"signed.x[0][0][0][0][0][0]"_s;
}

void TestJson::rejectsBrokenFixtures()
{
    QFETCH(QString, file);
    QFETCH(ErrorCode, code);
    QFETCH(QString, path);
    QFile f(QStringLiteral(UPTANE_TEST_DATA "/json/") + file);
    QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
    ParseOptions options;
    options.maxDepth = 8;
    const Result<Value> parsed = parse(f.readAll(), options);
    QVERIFY(!parsed.has_value());
    QCOMPARE(errorCodeName(parsed.error().code), errorCodeName(code));
    if (!path.isEmpty())
        QVERIFY2(parsed.error().detail.startsWith(path + u": "_s), qPrintable(parsed.error().detail));
}

void TestJson::depthLimit()
{
    ParseOptions options;
    options.maxDepth = 5;
    QVERIFY(parse(nestedArrays(5), options).has_value());
    const Result<Value> tooDeep = parse(nestedArrays(6), options);
    QVERIFY(!tooDeep.has_value());
    QCOMPARE(errorCodeName(tooDeep.error().code), errorCodeName(ErrorCode::TooDeep));
    QVERIFY2(tooDeep.error().detail.startsWith(u"[0][0][0][0][0]: "_s),
             qPrintable(tooDeep.error().detail));

    // Objects count the same as arrays; the default allows 64.
    QByteArray objects;
    for (int i = 0; i < 64; ++i)
        objects += "{\"k\":";
    objects += QByteArray("1") + QByteArray(64, '}');
    QVERIFY(parse(objects).has_value());
    objects = QByteArray("[") + objects + QByteArray("]");
    const Result<Value> deeper = parse(objects);
    QVERIFY(!deeper.has_value());
    QCOMPARE(errorCodeName(deeper.error().code), errorCodeName(ErrorCode::TooDeep));

    options.maxDepth = 0;  // scalars only
    QVERIFY(parse("7", options).has_value());
    QCOMPARE(parse("[]", options).error().code, ErrorCode::TooDeep);
}

void TestJson::depthBombDoesNotOverflowTheStack()
{
    const QByteArray bomb(1'000'000, '[');
    const Result<Value> parsed = parse(bomb);
    QVERIFY(!parsed.has_value());
    QCOMPARE(errorCodeName(parsed.error().code), errorCodeName(ErrorCode::TooDeep));

    // Even with the cap lifted the parser keeps its stack on the heap.
    ParseOptions unlimited;
    unlimited.maxDepth = std::numeric_limits<int>::max();
    Result<Value> deep = parse(nestedArrays(200'000), unlimited);
    QVERIFY(deep.has_value());
    // Tear the tree down one level at a time: a 200k-deep destructor recursion would be the
    // test's own stack overflow, not the parser's.
    Value v = std::move(*deep);
    int depth = 0;
    while (v.isArray() && !v.toArray().isEmpty()) {
        const Value inner = v.toArray().at(0);
        v = inner;
        ++depth;
    }
    QCOMPARE(depth, 200'000 - 1);
}

void TestJson::sizeLimit()
{
    ParseOptions options;
    options.maxBytes = 10;
    QVERIFY(parse("[1,2,3,45]", options).has_value());  // exactly 10 bytes
    const Result<Value> big = parse("[1,2,3,456]", options);
    QVERIFY(!big.has_value());
    QCOMPARE(errorCodeName(big.error().code), errorCodeName(ErrorCode::TooLarge));
    // Whitespace counts: the cap is on the bytes read, not on the value.
    QCOMPARE(parse(" [1,2,3,45]", options).error().code, ErrorCode::TooLarge);
}

void TestJson::bigIntegers()
{
    const qint64 max = std::numeric_limits<qint64>::max();
    const qint64 min = std::numeric_limits<qint64>::min();
    QCOMPARE(parse(QByteArray::number(max))->toInteger(), max);
    QCOMPARE(parse(QByteArray::number(min))->toInteger(), min);
    QVERIFY(parse(QByteArray::number(max - 1))->isInteger());
    // One past either end no longer fits: a Double, which canonical() refuses to write.
    for (const QByteArray &text : {QByteArray("9223372036854775808"), QByteArray("-9223372036854775809"),
                                   QByteArray("123456789012345678901234567890")}) {
        const Result<Value> v = parse(text);
        QVERIFY(v.has_value());
        QVERIFY2(v->isDouble(), text.constData());
        QCOMPARE(canonical(*v).error().code, ErrorCode::NotCanonical);
    }
    // A fraction or exponent makes a Double even when the value is whole.
    QVERIFY(parse("1.0")->isDouble());
    QVERIFY(parse("1e0")->isDouble());
}

void TestJson::errorNamesByteOffset()
{
    const Result<Value> dup = parse("{\"signed\":{\"roles\":{\"a\":1,\"a\":2}}}");
    QVERIFY(!dup.has_value());
    QCOMPARE(dup.error().detail, u"signed.roles: duplicate key \"a\" at byte 26"_s);
    const Result<Value> trailing = parse("[1]  x");
    QVERIFY(trailing.error().detail.endsWith(u" at byte 5"_s));
    const Result<Value> utf8 = parse("\"ab\xff\"");
    QVERIFY(utf8.error().detail.endsWith(u" at byte 3"_s));
}

void TestJson::accessors()
{
    const Value v = *parse("{\"b\":true,\"i\":-7,\"d\":2.5,\"s\":\"x\",\"a\":[1],\"o\":{\"k\":null}}");
    QVERIFY(v.isObject());
    QCOMPARE(v[u"b"_s].toBool(), true);
    QCOMPARE(v[u"i"_s].toInteger(), -7);
    QCOMPARE(v[u"i"_s].toDouble(), -7.0);
    QCOMPARE(v[u"d"_s].toDouble(), 2.5);
    QCOMPARE(v[u"s"_s].toString(), u"x"_s);
    QCOMPARE(v[u"a"_s].toArray(), Array{1});
    QVERIFY(v[u"o"_s].toObject().contains(u"k"_s));
    QVERIFY(v[u"o"_s][u"k"_s].isNull());
    // Wrong type: the default, never a conversion.
    QCOMPARE(v[u"s"_s].toBool(), false);
    QCOMPARE(v[u"d"_s].toInteger(), 0);
    QCOMPARE(v[u"i"_s].toString(), QString());
    QCOMPARE(v[u"s"_s].toDouble(), 0.0);
    QVERIFY(v[u"o"_s].toArray().isEmpty());
    QVERIFY(v[u"a"_s].toObject().isEmpty());
    QVERIFY(v[u"missing"_s].isNull());
    QVERIFY(v[u"a"_s][u"k"_s].isNull());  // member lookup on a non-object
    QVERIFY(Value().isNull());
    QVERIFY(Value(nullptr).isNull());
    QVERIFY(Value(u"lit").isString());
}

void TestJson::typeNames()
{
    QCOMPARE(Value::typeName(Value::Type::Null), u"null"_s);
    QCOMPARE(Value::typeName(Value::Type::Bool), u"boolean"_s);
    QCOMPARE(Value::typeName(Value::Type::Integer), u"integer"_s);
    QCOMPARE(Value::typeName(Value::Type::Double), u"non-integer number"_s);
    QCOMPARE(Value::typeName(Value::Type::String), u"string"_s);
    QCOMPARE(Value::typeName(Value::Type::Array), u"array"_s);
    QCOMPARE(Value::typeName(Value::Type::Object), u"object"_s);
}

void TestJson::paths_data()
{
    QTest::addColumn<QString>("base");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("expected");
    QTest::newRow("root") << u""_s << u"signed"_s << u"signed"_s;
    QTest::newRow("nested") << u"signed.roles"_s << u"root"_s << u"signed.roles.root"_s;
    QTest::newRow("underscore and dash") << u"s"_s << u"_type-x1"_s << u"s._type-x1"_s;
    QTest::newRow("slash") << u"signed.targets"_s << u"a/b.img"_s << u"signed.targets[\"a/b.img\"]"_s;
    QTest::newRow("dot") << u""_s << u"registry.npmjs.org"_s << u"[\"registry.npmjs.org\"]"_s;
    QTest::newRow("empty key") << u"x"_s << u""_s << u"x[\"\"]"_s;
    QTest::newRow("quote and backslash") << u"x"_s << u"a\"b\\"_s << u"x[\"a\\\"b\\\\\"]"_s;
    QTest::newRow("control") << u"x"_s << u"a\nb"_s << u"x[\"a\\u000ab\"]"_s;
}

void TestJson::paths()
{
    QFETCH(QString, base);
    QFETCH(QString, key);
    QFETCH(QString, expected);
    QCOMPARE(memberPath(base, key), expected);
    QCOMPARE(elementPath(expected, 3), expected + u"[3]"_s);
}

void TestJson::prettyRoundTrips_data()
{
    QTest::addColumn<Value>("value");
    QTest::newRow("scalars") << Value(Array{Value(), true, false, 0, -1, 1.5, 100.0, -0.0, 1e300,
                                            5e-324, std::numeric_limits<qint64>::min()});
    QTest::newRow("strings") << Value(Array{u""_s, u"\"\\/"_s, QStringView(u"\0\x01\x1f\x7f", 4).toString(),
                                            u"\n\r\t\b\f"_s, u"\u00e9\u2028\U0001F600\uFFFF"_s,
                                            u"\uFEFF"_s, u"\uFEFFx"_s});
    QTest::newRow("containers") << Value(obj({{u"b"_s, Array{}}, {u"a"_s, Object{}},
                                              {u"\U0001F600"_s, obj({{u"\uFF01"_s, 1}})},
                                              {u""_s, Array{Array{Array{1}}}}}));
    QTest::newRow("document") << *parse("{\"signed\":{\"_type\":\"root\",\"keys\":{\"ab\":{\"keyval\":"
                                        "{\"public\":\"00\"}}},\"version\":3},\"signatures\":[]}");
}

void TestJson::prettyRoundTrips()
{
    QFETCH(Value, value);
    const QByteArray text = pretty(value);
    const Result<Value> back = parse(text);
    QVERIFY2(back.has_value(), QByteArray(describe(back) + '\n' + text).constData());
    QCOMPARE(*back, value);
    QCOMPARE(pretty(*back), text);
}

void TestJson::prettyIsSortedAndIndented()
{
    const Value v = obj({{u"b"_s, Array{1, 2}}, {u"a"_s, obj({{u"x"_s, Object{}}})},
                         {u"\U0001F600"_s, 1}, {u"\uFF01"_s, 2}});
    const QByteArray text = pretty(v);
    const QList<QByteArray> lines = text.split('\n');
    QCOMPARE(lines.first(), QByteArray("{"));
    QCOMPARE(lines.at(1), QByteArray("  \"a\": {"));
    QCOMPARE(lines.at(2), QByteArray("    \"x\": {}"));
    QVERIFY(text.endsWith("}\n"));
    // Code point order: U+FF01 before U+1F600, although UTF-16 order is the other way round.
    QVERIFY(text.indexOf("\xef\xbc\x81") < text.indexOf("\xf0\x9f\x98\x80"));
    QVERIFY(text.indexOf("\"b\"") < text.indexOf("\xef\xbc\x81"));
}

void TestJson::largeDocument()
{
    // A targets-like document of several MB must parse in well under a second; the bound
    // here is loose (slow CI, debug builds) and only catches quadratic behaviour.
    QByteArray doc = "{\"signed\":{\"targets\":{";
    const int count = 40'000;
    for (int i = 0; i < count; ++i) {
        if (i > 0)
            doc += ',';
        doc += "\"firmware/ecu-" + QByteArray::number(i) + ".img\":{\"length\":" + QByteArray::number(i * 7)
                + ",\"hashes\":{\"sha256\":\"" + QByteArray(64, 'a') + "\",\"sha512\":\""
                + QByteArray(128, 'b') + "\"},\"custom\":{\"note\":\"caf\\u00e9 \xc3\xa9\"}}";
    }
    doc += "}}}";
    QVERIFY(doc.size() > 5'000'000);
    QElapsedTimer timer;
    timer.start();
    const Result<Value> parsed = parse(doc);
    const qint64 ms = timer.elapsed();
    if (!parsed)
        QFAIL(qPrintable(parsed.error().toString()));
    QCOMPARE((*parsed)[u"signed"_s][u"targets"_s].toObject().size(), count);
    QVERIFY2(ms < 10'000, qPrintable(QString::number(ms)));
    qInfo("parsed %lld bytes in %lld ms", qint64(doc.size()), ms);
}

QTEST_GUILESS_MAIN(TestJson)
#include "tst_json.moc"

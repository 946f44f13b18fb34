// Json::Reader: every typed accessor, and for each a missing or mistyped field that must fail
// with SchemaViolation naming the field's path.

#include "encoding/jsonreader.h"

#include <QTest>

#include <limits>

using namespace Uptane;
using namespace Uptane::Json;
using namespace Qt::StringLiterals;

namespace {

// A TUF-shaped document that every test reads from.
Value document()
{
    const QByteArray text =
            "{\"signatures\":[{\"keyid\":\"k1\",\"sig\":\"aa\"},{\"keyid\":\"k2\",\"sig\":7}],"
            "\"signed\":{\"_type\":\"targets\",\"version\":3,\"negative\":-5,\"float\":1.5,"
            "\"consistent\":true,\"nothing\":null,\"x-vendor\":{\"a\":1},"
            "\"roles\":{\"root\":{\"threshold\":1,\"keyids\":[\"k1\"]},"
            "\"timestamp\":{\"threshold\":\"1\"}},"
            "\"targets\":{\"a/b.img\":{\"length\":\"12\"}}}}";
    Result<Value> v = parse(text);
    Q_ASSERT(v.has_value());
    return *v;
}

// Fails the calling test unless r holds SchemaViolation whose detail starts with "path: ".
#define EXPECT_VIOLATION(r, path)                                                             \
    do {                                                                                      \
        const auto &result_ = (r);                                                            \
        QVERIFY(!result_.has_value());                                                        \
        QCOMPARE(errorCodeName(result_.error().code), errorCodeName(ErrorCode::SchemaViolation)); \
        QVERIFY2(result_.error().detail.startsWith(QString(path) + u": "_s),                  \
                 qPrintable(result_.error().detail));                                         \
    } while (false)

} // namespace

class TestJsonReader : public QObject
{
    Q_OBJECT
private slots:
    void rootPathIsEmpty();
    void memberAndHas();
    void strings();
    void integers();
    void integerMinimum();
    void booleans();
    void objectsAndArrays();
    void asAccessors();
    void iteration();
    void quotedPaths();
    void unknownMembers();
    void errorFormat();
    void mistyped_data();
    void mistyped();
};

void TestJsonReader::rootPathIsEmpty()
{
    const Reader r(document());
    QCOMPARE(r.path(), QString());
    QVERIFY(r.value().isObject());
    QCOMPARE(r.member(u"signed"_s)->path(), u"signed"_s);
}

void TestJsonReader::memberAndHas()
{
    const Reader r(document());
    const Result<Reader> signedPart = r.member(u"signed"_s);
    QVERIFY(signedPart.has_value());
    QVERIFY(signedPart->has(u"version"_s));
    QVERIFY(signedPart->has(u"nothing"_s));  // present, even though null
    QVERIFY(!signedPart->has(u"absent"_s));
    QVERIFY(signedPart->member(u"nothing"_s).has_value());
    EXPECT_VIOLATION(signedPart->member(u"absent"_s), u"signed.absent"_s);
    // member() on a non-object names the non-object.
    const Reader version = *signedPart->member(u"version"_s);
    QVERIFY(!version.has(u"x"_s));
    EXPECT_VIOLATION(version.member(u"x"_s), u"signed.version"_s);
}

void TestJsonReader::strings()
{
    const Reader s = *Reader(document()).object(u"signed"_s);
    QCOMPARE(*s.string(u"_type"_s), u"targets"_s);
    EXPECT_VIOLATION(s.string(u"version"_s), u"signed.version"_s);
    EXPECT_VIOLATION(s.string(u"nothing"_s), u"signed.nothing"_s);
    EXPECT_VIOLATION(s.string(u"absent"_s), u"signed.absent"_s);
}

void TestJsonReader::integers()
{
    const Reader s = *Reader(document()).object(u"signed"_s);
    QCOMPARE(*s.integer(u"version"_s), 3);
    QCOMPARE(*s.integer(u"negative"_s), -5);
    EXPECT_VIOLATION(s.integer(u"float"_s), u"signed.float"_s);  // 1.5 is no integer
    EXPECT_VIOLATION(s.integer(u"_type"_s), u"signed._type"_s);
    EXPECT_VIOLATION(s.integer(u"absent"_s), u"signed.absent"_s);
    EXPECT_VIOLATION(s.object(u"roles"_s)->object(u"timestamp"_s)->integer(u"threshold"_s, 1),
                     u"signed.roles.timestamp.threshold"_s);
}

void TestJsonReader::integerMinimum()
{
    const Reader s = *Reader(document()).object(u"signed"_s);
    QCOMPARE(*s.integer(u"version"_s, 3), 3);
    EXPECT_VIOLATION(s.integer(u"version"_s, 4), u"signed.version"_s);
    EXPECT_VIOLATION(s.integer(u"negative"_s, 0), u"signed.negative"_s);
    QCOMPARE(*s.integer(u"negative"_s, std::numeric_limits<qint64>::min()), -5);
    const Result<qint64> low = s.integer(u"negative"_s, 1);
    QCOMPARE(low.error().detail, u"signed.negative: expected integer >= 1, got -5"_s);
}

void TestJsonReader::booleans()
{
    const Reader s = *Reader(document()).object(u"signed"_s);
    QCOMPARE(*s.boolean(u"consistent"_s), true);
    EXPECT_VIOLATION(s.boolean(u"version"_s), u"signed.version"_s);
    EXPECT_VIOLATION(s.boolean(u"nothing"_s), u"signed.nothing"_s);
    EXPECT_VIOLATION(s.boolean(u"absent"_s), u"signed.absent"_s);
}

void TestJsonReader::objectsAndArrays()
{
    const Reader r(document());
    const Result<Reader> roles = r.object(u"signed"_s)->object(u"roles"_s);
    QVERIFY(roles.has_value());
    QCOMPARE(roles->path(), u"signed.roles"_s);
    const Result<Reader> keyids = roles->object(u"root"_s)->array(u"keyids"_s);
    QVERIFY(keyids.has_value());
    QCOMPARE(keyids->path(), u"signed.roles.root.keyids"_s);
    EXPECT_VIOLATION(r.object(u"signatures"_s), u"signatures"_s);
    EXPECT_VIOLATION(r.array(u"signed"_s), u"signed"_s);
    EXPECT_VIOLATION(r.object(u"absent"_s), u"absent"_s);
    EXPECT_VIOLATION(r.array(u"absent"_s), u"absent"_s);
}

void TestJsonReader::asAccessors()
{
    const Reader r(document());
    const Reader s = r.child(u"signed"_s);
    QCOMPARE(s.asObject()->size(), s.value().toObject().size());
    QCOMPARE(r.child(u"signatures"_s).asArray()->size(), 2);
    QCOMPARE(*s.child(u"_type"_s).asString(), u"targets"_s);
    QCOMPARE(*s.child(u"version"_s).asInteger(), 3);
    QCOMPARE(*s.child(u"version"_s).asInteger(2), 3);
    EXPECT_VIOLATION(s.child(u"version"_s).asInteger(10), u"signed.version"_s);
    EXPECT_VIOLATION(s.child(u"version"_s).asObject(), u"signed.version"_s);
    EXPECT_VIOLATION(s.child(u"version"_s).asArray(), u"signed.version"_s);
    EXPECT_VIOLATION(s.child(u"version"_s).asString(), u"signed.version"_s);
    EXPECT_VIOLATION(s.child(u"_type"_s).asInteger(), u"signed._type"_s);
    EXPECT_VIOLATION(s.child(u"float"_s).asInteger(), u"signed.float"_s);
}

void TestJsonReader::iteration()
{
    const Reader sigs = *Reader(document()).array(u"signatures"_s);
    QCOMPARE(sigs.at(0).path(), u"signatures[0]"_s);
    QCOMPARE(*sigs.at(0).string(u"sig"_s), u"aa"_s);
    EXPECT_VIOLATION(sigs.at(1).string(u"sig"_s), u"signatures[1].sig"_s);
    // Out of range: a reader on null, so the next access names the element.
    QVERIFY(sigs.at(2).value().isNull());
    QCOMPARE(sigs.at(2).path(), u"signatures[2]"_s);
    EXPECT_VIOLATION(sigs.at(2).string(u"sig"_s), u"signatures[2]"_s);
    EXPECT_VIOLATION(sigs.at(-1).asObject(), u"signatures[-1]"_s);
    // child() of an absent member likewise.
    const Reader absent = Reader(document()).child(u"absent"_s);
    QVERIFY(absent.value().isNull());
    EXPECT_VIOLATION(absent.asString(), u"absent"_s);
}

void TestJsonReader::quotedPaths()
{
    const Reader targets = *Reader(document()).object(u"signed"_s)->object(u"targets"_s);
    const Result<Reader> file = targets.object(u"a/b.img"_s);
    QVERIFY(file.has_value());
    QCOMPARE(file->path(), u"signed.targets[\"a/b.img\"]"_s);
    EXPECT_VIOLATION(file->integer(u"length"_s, 0), u"signed.targets[\"a/b.img\"].length"_s);
    EXPECT_VIOLATION(targets.object(u"c.img"_s), u"signed.targets[\"c.img\"]"_s);
}

void TestJsonReader::unknownMembers()
{
    const Reader s = *Reader(document()).object(u"signed"_s);
    const Object unknown = s.unknownMembers({u"_type"_s, u"version"_s, u"negative"_s, u"float"_s,
                                             u"consistent"_s, u"nothing"_s, u"roles"_s,
                                             u"targets"_s});
    QCOMPARE(unknown.keys(), QStringList{u"x-vendor"_s});
    QCOMPARE(unknown.value(u"x-vendor"_s)[u"a"_s].toInteger(), 1);
    QVERIFY(s.unknownMembers({}).size() == s.value().toObject().size());
    QVERIFY(s.child(u"version"_s).unknownMembers({}).isEmpty());  // not an object
}

void TestJsonReader::errorFormat()
{
    const Reader r(document());
    const Error atRoot = r.error(u"bad"_s);
    QCOMPARE(atRoot.code, ErrorCode::SchemaViolation);
    QCOMPARE(atRoot.detail, u"bad"_s);
    const Reader roles = *r.object(u"signed"_s)->object(u"roles"_s);
    QCOMPARE(roles.error(u"bad"_s).detail, u"signed.roles: bad"_s);
    QCOMPARE(roles.error(u"root"_s, u"bad"_s).detail, u"signed.roles.root: bad"_s);
    QCOMPARE(roles.error(u"a b"_s, u"bad"_s).detail, u"signed.roles[\"a b\"]: bad"_s);
    const Result<qint64> wrong = roles.object(u"timestamp"_s)->integer(u"threshold"_s, 1);
    QCOMPARE(wrong.error().detail,
             u"signed.roles.timestamp.threshold: expected integer >= 1, got string"_s);
}

void TestJsonReader::mistyped_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("want");  // accessor to call
    const QStringList keys{u"_type"_s, u"version"_s, u"float"_s, u"consistent"_s, u"nothing"_s,
                           u"roles"_s, u"x-vendor"_s};
    const QStringList accessors{u"string"_s, u"integer"_s, u"boolean"_s, u"object"_s, u"array"_s};
    for (const QString &key : keys)
        for (const QString &want : accessors)
            QTest::addRow("%s as %s", qPrintable(key), qPrintable(want)) << key << want;
}

void TestJsonReader::mistyped()
{
    // Every accessor against every member type: it succeeds exactly when the types match,
    // and otherwise names the member.
    QFETCH(QString, key);
    QFETCH(QString, want);
    const Reader s = *Reader(document()).object(u"signed"_s);
    const Value::Type type = s.value()[key].type();
    bool ok = false;
    Error error;
    const auto take = [&](const auto &result) {
        ok = result.has_value();
        if (!ok)
            error = result.error();
    };
    Value::Type expected = Value::Type::Null;
    if (want == u"string"_s) {
        take(s.string(key));
        expected = Value::Type::String;
    } else if (want == u"integer"_s) {
        take(s.integer(key));
        expected = Value::Type::Integer;
    } else if (want == u"boolean"_s) {
        take(s.boolean(key));
        expected = Value::Type::Bool;
    } else if (want == u"object"_s) {
        take(s.object(key));
        expected = Value::Type::Object;
    } else {
        take(s.array(key));
        expected = Value::Type::Array;
    }
    QCOMPARE(ok, type == expected);
    if (!ok) {
        QCOMPARE(error.code, ErrorCode::SchemaViolation);
        QVERIFY2(error.detail.startsWith(memberPath(u"signed"_s, key) + u": expected "_s),
                 qPrintable(error.detail));
        QVERIFY2(error.detail.endsWith(u"got "_s + Value::typeName(type)), qPrintable(error.detail));
    }
}

QTEST_GUILESS_MAIN(TestJsonReader)
#include "tst_jsonreader.moc"

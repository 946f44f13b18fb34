// The two JSON files of an ECU store, EcuConfig (ecu.json) and EcuState (state.json): round
// trips, the readable form (ISO 8601 UTC times, hex hashes), and the strict reading — every
// member required, none unknown, every value checked — with one refusal per rule.

#include "ecustorefixture.h"
#include "resultcode.h"

#include <QTest>

using namespace Uptane;
using namespace Uptane::Test;
using namespace Uptane::Vehicle;
using namespace Qt::StringLiterals;
using Metadata::Encoding;

Q_DECLARE_METATYPE(Uptane::ErrorCode)

class TestEcuStoreJson : public QObject
{
    Q_OBJECT

private slots:
    void verificationNames();
    void configRoundTrip();
    void configRefusals_data();
    void configRefusals();
    void stateRoundTrip();
    void stateRefusals_data();
    void stateRefusals();
};

void TestEcuStoreJson::verificationNames()
{
    QCOMPARE(verificationName(Verification::Full), u"full"_s);
    QCOMPARE(verificationName(Verification::Partial), u"partial"_s);
}

void TestEcuStoreJson::configRoundTrip()
{
    for (const Encoding encoding : {Encoding::Json, Encoding::Der}) {
        const EcuConfig config = makeConfig(encoding, false, Verification::Partial);
        auto read = EcuConfig::fromJson(config.toJson());
        QVERIFY2(read, qPrintable(read ? QString() : read.error().toString()));
        QCOMPARE(read->vin, config.vin);
        QCOMPARE(read->serial, config.serial);
        QCOMPARE(read->hardwareId, config.hardwareId);
        QCOMPARE(read->primary, false);
        QCOMPARE(read->verification, Verification::Partial);
        QCOMPARE(read->encoding, encoding);
        QVERIFY(read->timeServerKey == config.timeServerKey);
        QCOMPARE(read->toJson(), config.toJson());
    }
}

void TestEcuStoreJson::configRefusals_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<ErrorCode>("code");
    const QByteArray good = makeConfig(Encoding::Json).toJson();
    const Json::Value key = (*Json::parse(good))[u"time_server_key"_s];

    QTest::newRow("not JSON") << QByteArray("{\"vin\": ") << ErrorCode::MalformedJson;
    QTest::newRow("duplicate member") << QByteArray("{\"vin\": \"a\", \"vin\": \"b\"}") << ErrorCode::MalformedJson;
    QTest::newRow("array") << QByteArray("[]") << ErrorCode::SchemaViolation;
    QTest::newRow("unknown member") << withMember(good, u"color"_s, Json::Value(u"red"_s)) << ErrorCode::SchemaViolation;
    for (const QString &member : {u"format"_s, u"vin"_s, u"serial"_s, u"hardware_id"_s, u"primary"_s, u"verification"_s,
                                  u"encoding"_s, u"time_server_key"_s})
        QTest::addRow("missing %s", qPrintable(member)) << withMember(good, member, std::nullopt) << ErrorCode::SchemaViolation;
    QTest::newRow("format 2") << withMember(good, u"format"_s, Json::Value(2)) << ErrorCode::SchemaViolation;
    QTest::newRow("vin with slash") << withMember(good, u"vin"_s, Json::Value(u"demo/car"_s)) << ErrorCode::SchemaViolation;
    QTest::newRow("serial dot-dot") << withMember(good, u"serial"_s, Json::Value(u".."_s)) << ErrorCode::SchemaViolation;
    QTest::newRow("empty hardware id") << withMember(good, u"hardware_id"_s, Json::Value(u""_s)) << ErrorCode::SchemaViolation;
    QTest::newRow("primary as string") << withMember(good, u"primary"_s, Json::Value(u"true"_s)) << ErrorCode::SchemaViolation;
    QTest::newRow("verification half") << withMember(good, u"verification"_s, Json::Value(u"half"_s)) << ErrorCode::SchemaViolation;
    QTest::newRow("partial primary") << withMember(withMember(good, u"primary"_s, Json::Value(true)), u"verification"_s,
                                                   Json::Value(u"partial"_s))
                                     << ErrorCode::SchemaViolation;
    QTest::newRow("encoding xml") << withMember(good, u"encoding"_s, Json::Value(u"xml"_s)) << ErrorCode::SchemaViolation;

    Json::Object extraKeyMember = key.toObject();
    extraKeyMember.insert(u"keyid_hash_algorithms"_s, Json::Array{u"sha256"_s});
    QTest::newRow("key: extra member") << withMember(good, u"time_server_key"_s, extraKeyMember) << ErrorCode::SchemaViolation;
    Json::Object extraKeyval = key.toObject();
    extraKeyval.insert(u"keyval"_s, Json::Object{{u"public"_s, key[u"keyval"_s][u"public"_s]}, {u"private"_s, u"00"_s}});
    QTest::newRow("key: private value") << withMember(good, u"time_server_key"_s, extraKeyval) << ErrorCode::SchemaViolation;
    Json::Object badHex = key.toObject();
    badHex.insert(u"keyval"_s, Json::Object{{u"public"_s, u"abcd"_s}});
    QTest::newRow("key: short hex") << withMember(good, u"time_server_key"_s, badHex) << ErrorCode::InvalidKey;
    Json::Object badType = key.toObject();
    badType.insert(u"scheme"_s, u"rsa-pkcs1v15-sha256"_s);
    QTest::newRow("key: unknown scheme") << withMember(good, u"time_server_key"_s, badType) << ErrorCode::UnknownKeyType;
}

void TestEcuStoreJson::configRefusals()
{
    QFETCH(QByteArray, json);
    QFETCH(ErrorCode, code);
    auto config = EcuConfig::fromJson(json);
    QVERIFY(!config);
    QCOMPARE(config.error().code, code);
}

void TestEcuStoreJson::stateRoundTrip()
{
    EcuState state;
    state.attestedTime = kFactoryTime.addMSecs(86400 * 1000 + 250);  // milliseconds survive
    state.previousAttestedTime = kFactoryTime;
    state.installed = target(u"firmware.img"_s, "new", 2);
    state.backup = target(u"acme/ecu-1.0.img"_s, "old", 1);
    state.backup->hardwareId.reset();
    state.backup->releaseCounter.reset();
    state.directorTargetsVersion = 7;
    state.cycles = 3;
    state.lastVerdict = u"UP TO DATE"_s;
    state.reportedInstalled.insert(u"TCUdemocar"_s, target(u"firmware.img"_s, "new", 2));
    state.reportedInstalled.insert(u"DOORdemocar"_s, target(u"acme/ecu-1.0.img"_s, "old", 1));

    const QByteArray json = state.toJson();
    auto read = EcuState::fromJson(json);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().toString()));
    QCOMPARE(read->attestedTime, state.attestedTime);
    QCOMPARE(read->previousAttestedTime, state.previousAttestedTime);
    QCOMPARE(describe(read->installed), describe(state.installed));
    QCOMPARE(describe(read->backup), describe(state.backup));
    QCOMPARE(read->directorTargetsVersion, 7);
    QCOMPARE(read->cycles, 3);
    QCOMPARE(read->lastVerdict, u"UP TO DATE"_s);
    QCOMPARE(read->reportedInstalled.keys(), state.reportedInstalled.keys());
    QCOMPARE(describe(read->reportedInstalled.value(u"DOORdemocar"_s)), describe(state.reportedInstalled.value(u"DOORdemocar"_s)));
    QCOMPARE(read->toJson(), json);
    // Readable: times as ISO 8601 UTC, hashes as hex.
    auto tree = Json::parse(json);
    QCOMPARE((*tree)[u"attested_time"_s].toString(), u"2025-01-02T00:00:00.250Z"_s);
    QCOMPARE((*tree)[u"previous_attested_time"_s].toString(), u"2025-01-01T00:00:00Z"_s);
    QCOMPARE((*tree)[u"installed"_s][u"hashes"_s][u"sha256"_s].toString(),
             QString::fromLatin1(Crypto::sha256("new").toHex()));

    // A fresh state (no time yet, nothing installed) round-trips too.
    auto empty = EcuState::fromJson(EcuState{}.toJson());
    QVERIFY(empty);
    QVERIFY(!empty->attestedTime.isValid());
    QVERIFY(!empty->installed);
}

void TestEcuStoreJson::stateRefusals_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<ErrorCode>("code");
    EcuState state;
    state.attestedTime = kFactoryTime;
    state.installed = target(u"firmware.img"_s, "new", 2);
    const QByteArray good = state.toJson();
    const Json::Object installed = (*Json::parse(good))[u"installed"_s].toObject();
    auto withInstalled = [&](const QString &key, std::optional<Json::Value> value) {
        Json::Object changed = installed;
        if (value)
            changed.insert(key, *value);
        else
            changed.remove(key);
        return withMember(good, u"installed"_s, changed);
    };

    QTest::newRow("not JSON") << QByteArray("{") << ErrorCode::MalformedJson;
    QTest::newRow("unknown member") << withMember(good, u"mood"_s, Json::Value(u"happy"_s)) << ErrorCode::SchemaViolation;
    for (const QString &member : {u"format"_s, u"attested_time"_s, u"previous_attested_time"_s, u"installed"_s, u"backup"_s,
                                  u"director_targets_version"_s, u"cycles"_s, u"last_verdict"_s, u"reported_installed"_s})
        QTest::addRow("missing %s", qPrintable(member)) << withMember(good, member, std::nullopt) << ErrorCode::SchemaViolation;
    QTest::newRow("time with offset") << withMember(good, u"attested_time"_s, Json::Value(u"2025-01-01T01:00:00+01:00"_s))
                                      << ErrorCode::SchemaViolation;
    QTest::newRow("time without zone") << withMember(good, u"attested_time"_s, Json::Value(u"2025-01-01T00:00:00"_s))
                                       << ErrorCode::SchemaViolation;
    QTest::newRow("February 30") << withMember(good, u"attested_time"_s, Json::Value(u"2025-02-30T00:00:00Z"_s))
                                 << ErrorCode::SchemaViolation;
    QTest::newRow("time as number") << withMember(good, u"attested_time"_s, Json::Value(1735689600)) << ErrorCode::SchemaViolation;
    QTest::newRow("negative cycles") << withMember(good, u"cycles"_s, Json::Value(-1)) << ErrorCode::SchemaViolation;
    QTest::newRow("negative director version") << withMember(good, u"director_targets_version"_s, Json::Value(-1))
                                               << ErrorCode::SchemaViolation;
    QTest::newRow("unknown verdict") << withMember(good, u"last_verdict"_s, Json::Value(u"FINE"_s)) << ErrorCode::SchemaViolation;
    QTest::newRow("installed: extra member") << withInstalled(u"custom"_s, Json::Object{}) << ErrorCode::SchemaViolation;
    QTest::newRow("installed: no hardware id") << withInstalled(u"hardware_id"_s, std::nullopt) << ErrorCode::SchemaViolation;
    QTest::newRow("installed: negative length") << withInstalled(u"length"_s, Json::Value(-3)) << ErrorCode::SchemaViolation;
    QTest::newRow("installed: empty path") << withInstalled(u"path"_s, Json::Value(u""_s)) << ErrorCode::SchemaViolation;
    QTest::newRow("installed: uppercase hash") << withInstalled(u"hashes"_s, Json::Object{{u"sha256"_s, u"ABCD"_s}})
                                               << ErrorCode::SchemaViolation;
    QTest::newRow("installed: odd hex") << withInstalled(u"hashes"_s, Json::Object{{u"sha256"_s, u"abc"_s}})
                                        << ErrorCode::SchemaViolation;
    QTest::newRow("installed: release as string") << withInstalled(u"release_counter"_s, Json::Value(u"2"_s))
                                                  << ErrorCode::SchemaViolation;
    QTest::newRow("reported: unsafe serial") << withMember(good, u"reported_installed"_s, Json::Object{{u"../x"_s, installed}})
                                             << ErrorCode::SchemaViolation;
    QTest::newRow("reported: null image") << withMember(good, u"reported_installed"_s, Json::Object{{u"TCUdemocar"_s, Json::Value()}})
                                          << ErrorCode::SchemaViolation;
}

void TestEcuStoreJson::stateRefusals()
{
    QFETCH(QByteArray, json);
    QFETCH(ErrorCode, code);
    auto state = EcuState::fromJson(json);
    QVERIFY(!state);
    QCOMPARE(state.error().code, code);
}

QTEST_GUILESS_MAIN(TestEcuStoreJson)
#include "tst_ecustorejson.moc"

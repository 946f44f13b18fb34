#pragma once

// Test support for the Director tests and benchmark: a vehicle with real ECU keys, signed ECU
// and Vehicle Version Manifests in either encoding, the catalogue of manifests the Director
// must reject, and a dump of every inventory table to prove a rejection wrote nothing.
// Header-only so the benchmark (built without the tests) can use it too.

#include "crypto/hash.h"
#include "metadata/codec.h"
#include "services/inventory.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStringList>

#include <functional>

namespace Uptane::Test {

using namespace Qt::StringLiterals;

using TestKeys = QMap<Crypto::KeyType, QList<Crypto::PrivateKey>>;

// count fresh keys of every type (RSA with 2048 bits: generation is slow enough as it is).
inline TestKeys generateKeys(int count)
{
    TestKeys keys;
    for (Crypto::KeyType type : {Crypto::KeyType::Ed25519, Crypto::KeyType::Ecdsa, Crypto::KeyType::Rsa}) {
        for (int i = 0; i < count; ++i) {
            auto key = Crypto::PrivateKey::generate(type, 2048);
            if (!key)
                qFatal("key generation: %s", qPrintable(key.error().toString()));
            keys[type].append(*key);
        }
    }
    return keys;
}

struct TestEcu
{
    QString serial;
    QString hardwareId;
    Crypto::PrivateKey key;
    bool primary = false;
};

struct TestVehicle
{
    QString vin;
    QList<TestEcu> ecus;  // Primary first

    const TestEcu &primary() const { return ecus.first(); }
    const TestEcu &ecu(const QString &serial) const
    {
        for (const TestEcu &ecu : ecus) {
            if (ecu.serial == serial)
                return ecu;
        }
        qFatal("no test ECU %s", qPrintable(serial));
    }
    Services::VehicleRecord record(const QDateTime &created) const { return {vin, primary().serial, created}; }
    QList<Services::EcuRecord> ecuRecords() const
    {
        QList<Services::EcuRecord> out;
        for (const TestEcu &ecu : ecus) {
            out.append({vin, ecu.serial, ecu.hardwareId, ecu.key.publicKey(),
                        Metadata::computeKeyId(ecu.key.publicKey()), ecu.primary});
        }
        return out;
    }
};

// "<vin>" with Primary "INFO<vin>" and Secondaries "ECU<i><vin>"; keys[0] is the Primary's.
inline TestVehicle makeVehicle(const QString &vin, const QList<Crypto::PrivateKey> &keys)
{
    TestVehicle vehicle{vin, {}};
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const bool primary = i == 0;
        vehicle.ecus.append({primary ? u"INFO"_s + vin : u"ECU%1"_s.arg(i) + vin,
                             primary ? u"infotainment"_s : u"hw-ecu%1"_s.arg(i), keys.at(i), primary});
    }
    return vehicle;
}

inline Metadata::TargetFile imageFile(const QString &path, const QByteArray &content)
{
    Metadata::TargetFile file;
    file.path = path;
    file.length = content.size();
    file.hashes.insert(u"sha256"_s, Crypto::sha256(content));
    file.hashes.insert(u"sha512"_s, Crypto::sha512(content));
    return file;
}

inline Metadata::EcuManifest ecuManifest(const QString &serial, qint64 nonce, const QDateTime &time,
                                         const QString &attacks = {})
{
    Metadata::EcuManifest body;
    body.ecuSerial = serial;
    body.installedImage = imageFile(serial + u"-firmware.img", serial.toUtf8() + "-image");
    body.timeserverTime = time;
    body.previousTimeserverTime = time.addSecs(-60);
    body.attacksDetected = attacks;
    body.nonce = nonce;
    return body;
}

inline Metadata::Signed<Metadata::EcuManifest> signEcu(const Metadata::EcuManifest &body,
                                                       Metadata::Encoding encoding,
                                                       const Crypto::PrivateKey &key)
{
    auto signedManifest = Metadata::sign(body, encoding, {key});
    if (!signedManifest)
        qFatal("cannot sign an ECU manifest: %s", qPrintable(signedManifest.error().toString()));
    return *signedManifest;
}

// Every ECU of the vehicle reports, each signed by its own key, each with nonce base + index.
inline Metadata::VehicleManifest vehicleManifestBody(const TestVehicle &vehicle, Metadata::Encoding encoding,
                                                     qint64 nonceBase, const QDateTime &time)
{
    Metadata::VehicleManifest body;
    body.vin = vehicle.vin;
    body.primaryEcuSerial = vehicle.primary().serial;
    for (qsizetype i = 0; i < vehicle.ecus.size(); ++i) {
        const TestEcu &ecu = vehicle.ecus.at(i);
        body.ecuManifests.insert(ecu.serial, {signEcu(ecuManifest(ecu.serial, nonceBase + i, time), encoding, ecu.key)});
    }
    return body;
}

// Signs body with key, lets tamper change the envelope, serialises.
inline QByteArray serializeVehicleManifest(
    const Metadata::VehicleManifest &body, Metadata::Encoding encoding, const Crypto::PrivateKey &key,
    const std::function<void(Metadata::Signed<Metadata::VehicleManifest> &)> &tamper = {})
{
    auto signedManifest = Metadata::sign(body, encoding, {key});
    if (!signedManifest)
        qFatal("cannot sign a vehicle manifest: %s", qPrintable(signedManifest.error().toString()));
    if (tamper)
        tamper(*signedManifest);
    auto bytes = Metadata::serialize(*signedManifest);
    if (!bytes)
        qFatal("cannot serialise a vehicle manifest: %s", qPrintable(bytes.error().toString()));
    return *bytes;
}

// One manifest the Director must refuse, and the code it must refuse it with.
struct RejectionCase
{
    const char *name;
    ErrorCode code;
    // Builds the bytes for the vehicle; `stranger` is a key no ECU of the vehicle has;
    // `usedBase` the nonce base of a manifest the Director accepted before (ECU i used
    // usedBase + i, as vehicleManifestBody() numbers them).
    std::function<QByteArray(const TestVehicle &, Metadata::Encoding, const Crypto::PrivateKey &stranger,
                             qint64 usedBase, const QDateTime &time)>
        build;
    // Posted for this VIN instead of the vehicle's own (an empty string: the vehicle's).
    QString postedFor;
};

inline QList<RejectionCase> rejectionCases()
{
    using Encoding = Metadata::Encoding;
    using Body = Metadata::VehicleManifest;
    using Envelope = Metadata::Signed<Metadata::VehicleManifest>;
    const qint64 fresh = 7000;
    auto good = [](const TestVehicle &v, Encoding e, qint64 nonce, const QDateTime &t) {
        return vehicleManifestBody(v, e, nonce, t);
    };
    auto flipFirstByte = [](QList<Metadata::Signature> &signatures) {
        if (!signatures.isEmpty() && !signatures.first().value.isEmpty())
            signatures.first().value[0] = char(signatures.first().value.at(0) ^ 0x01);
    };
    return {
        {"malformed: truncated", ErrorCode::InvalidArgument /* MalformedJson or MalformedDer */,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &, qint64, const QDateTime &t) {
             QByteArray bytes = serializeVehicleManifest(good(v, e, fresh, t), e, v.primary().key);
             return bytes.left(bytes.size() / 2);
         }, {}},
        {"malformed: not a manifest", ErrorCode::InvalidArgument,
         [](const TestVehicle &, Encoding, const Crypto::PrivateKey &, qint64, const QDateTime &) {
             return QByteArray("\x01\x02 not metadata");
         }, {}},
        {"unknown vehicle", ErrorCode::UnknownVehicle,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &, qint64, const QDateTime &t) {
             Body body = good(v, e, fresh, t);
             body.vin = u"ghostcar"_s;
             return serializeVehicleManifest(body, e, v.primary().key);
         }, u"ghostcar"_s},
        {"posted for another vehicle", ErrorCode::UnknownVehicle,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &, qint64, const QDateTime &t) {
             return serializeVehicleManifest(good(v, e, fresh, t), e, v.primary().key);
         }, u"othercar"_s},
        {"bad Primary signature", ErrorCode::BadSignature,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &, qint64, const QDateTime &t) {
             return serializeVehicleManifest(good(v, e, fresh, t), e, v.primary().key,
                                             [&](Envelope &m) { flipFirstByte(m.signatures); });
         }, {}},
        {"Primary manifest signed by a Secondary", ErrorCode::ThresholdNotMet,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &, qint64, const QDateTime &t) {
             return serializeVehicleManifest(good(v, e, fresh, t), e, v.ecus.at(1).key);
         }, {}},
        {"Primary manifest unsigned", ErrorCode::ThresholdNotMet,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &, qint64, const QDateTime &t) {
             return serializeVehicleManifest(good(v, e, fresh, t), e, v.primary().key,
                                             [](Envelope &m) { m.signatures.clear(); });
         }, {}},
        {"primary_ecu_serial names a Secondary", ErrorCode::SpoofedEcu,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &, qint64, const QDateTime &t) {
             Body body = good(v, e, fresh, t);
             body.primaryEcuSerial = v.ecus.at(1).serial;
             return serializeVehicleManifest(body, e, v.primary().key);
         }, {}},
        {"primary_ecu_serial unknown", ErrorCode::UnknownEcu,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &, qint64, const QDateTime &t) {
             Body body = good(v, e, fresh, t);
             body.primaryEcuSerial = u"GHOSTPRIMARY"_s;
             return serializeVehicleManifest(body, e, v.primary().key);
         }, {}},
        {"unknown ECU", ErrorCode::UnknownEcu,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &stranger, qint64, const QDateTime &t) {
             Body body = good(v, e, fresh, t);
             body.ecuManifests.insert(u"GHOSTECU"_s, {signEcu(ecuManifest(u"GHOSTECU"_s, 1, t), e, stranger)});
             return serializeVehicleManifest(body, e, v.primary().key);
         }, {}},
        {"spoofed: signed by another ECU's key", ErrorCode::SpoofedEcu,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &, qint64, const QDateTime &t) {
             Body body = good(v, e, fresh, t);
             const TestEcu &a = v.ecus.at(1), &b = v.ecus.at(2);
             body.ecuManifests.insert(a.serial, {signEcu(ecuManifest(a.serial, fresh + 100, t), e, b.key)});
             return serializeVehicleManifest(body, e, v.primary().key);
         }, {}},
        {"spoofed: listed under another serial", ErrorCode::SpoofedEcu,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &, qint64, const QDateTime &t) {
             Body body = good(v, e, fresh, t);
             const TestEcu &a = v.ecus.at(1), &b = v.ecus.at(2);
             // B's own, validly signed manifest, put where A's should be.
             body.ecuManifests.insert(a.serial, {signEcu(ecuManifest(b.serial, fresh + 100, t), e, b.key)});
             return serializeVehicleManifest(body, e, v.primary().key);
         }, {}},
        {"bad ECU signature", ErrorCode::BadSignature,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &, qint64, const QDateTime &t) {
             Body body = good(v, e, fresh, t);
             const TestEcu &a = v.ecus.at(1);
             auto manifest = signEcu(ecuManifest(a.serial, fresh + 100, t), e, a.key);
             flipFirstByte(manifest.signatures);
             body.ecuManifests.insert(a.serial, {manifest});
             return serializeVehicleManifest(body, e, v.primary().key);
         }, {}},
        {"ECU manifest signed by a stranger", ErrorCode::BadSignature,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &stranger, qint64, const QDateTime &t) {
             Body body = good(v, e, fresh, t);
             const TestEcu &a = v.ecus.at(1);
             body.ecuManifests.insert(a.serial, {signEcu(ecuManifest(a.serial, fresh + 100, t), e, stranger)});
             return serializeVehicleManifest(body, e, v.primary().key);
         }, {}},
        {"reused nonce", ErrorCode::ReusedNonce,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &, qint64 used, const QDateTime &t) {
             Body body = good(v, e, fresh, t);
             const TestEcu &a = v.ecus.at(1);
             body.ecuManifests.insert(a.serial, {signEcu(ecuManifest(a.serial, used + 1, t), e, a.key)});
             return serializeVehicleManifest(body, e, v.primary().key);
         }, {}},
        {"replayed manifest", ErrorCode::ReusedNonce,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &, qint64 used, const QDateTime &t) {
             return serializeVehicleManifest(good(v, e, used, t), e, v.primary().key);
         }, {}},
        {"one nonce twice in one manifest", ErrorCode::ReusedNonce,
         [=](const TestVehicle &v, Encoding e, const Crypto::PrivateKey &, qint64, const QDateTime &t) {
             Body body = good(v, e, fresh, t);
             const TestEcu &a = v.ecus.at(1);
             auto once = signEcu(ecuManifest(a.serial, fresh + 100, t), e, a.key);
             body.ecuManifests.insert(a.serial, {once, once});
             return serializeVehicleManifest(body, e, v.primary().key);
         }, {}},
    };
}

// The code a malformed row expects in this encoding.
inline ErrorCode expectedCode(const RejectionCase &row, Metadata::Encoding encoding)
{
    if (row.code != ErrorCode::InvalidArgument)
        return row.code;
    return encoding == Metadata::Encoding::Json ? ErrorCode::MalformedJson : ErrorCode::MalformedDer;
}

// Every row of every table of an SQLite file, through a connection of its own, as text
// ("table|col=value|..."), tables by name and rows by rowid, so two dumps compare whole.
inline QStringList dumpDatabase(const QString &path)
{
    QStringList out;
    const QString name = u"dump-"_s + QString::number(quintptr(&out));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY"_s);
        if (!db.open())
            qFatal("cannot open %s", qPrintable(path));
        QStringList tables;
        {
            QSqlQuery query(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s, db);
            while (query.next())
                tables.append(query.value(0).toString());
        }
        for (const QString &table : tables) {
            QSqlQuery query(u"SELECT * FROM \"%1\" ORDER BY rowid"_s.arg(table), db);
            qsizetype rows = 0;
            while (query.next()) {
                QString line = table;
                const QSqlRecord record = query.record();
                for (int i = 0; i < record.count(); ++i) {
                    const QVariant value = query.value(i);
                    line += u'|' + record.fieldName(i) + u'='
                        + (value.typeId() == QMetaType::QByteArray ? QString::fromLatin1(value.toByteArray().toHex())
                                                                    : value.toString());
                }
                out.append(line);
                ++rows;
            }
            out.append(u"%1: %2 rows"_s.arg(table).arg(rows));
        }
        QSqlQuery version(u"PRAGMA user_version"_s, db);
        if (version.next())
            out.append(u"user_version=%1"_s.arg(version.value(0).toLongLong()));
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

} // namespace Uptane::Test

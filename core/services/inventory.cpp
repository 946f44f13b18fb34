#include "services/inventory.h"

#include "encoding/json.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <atomic>

using namespace Qt::StringLiterals;

namespace Uptane::Services {

namespace {

// Migration i takes the schema from version i to i + 1. Append, never edit: a file written
// by an older program replays the steps it has not seen yet.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> steps{
        // 0 -> 1
        {
            u"CREATE TABLE vehicles ("
            "  vin TEXT PRIMARY KEY NOT NULL,"
            "  primary_serial TEXT NOT NULL,"
            "  created TEXT NOT NULL)"_s,
            u"CREATE TABLE ecus ("
            "  vin TEXT NOT NULL REFERENCES vehicles(vin),"
            "  serial TEXT NOT NULL,"
            "  hardware_id TEXT NOT NULL,"
            "  keytype TEXT NOT NULL,"
            "  scheme TEXT NOT NULL,"
            "  public_key TEXT NOT NULL,"
            "  keyid TEXT NOT NULL,"
            "  is_primary INTEGER NOT NULL,"
            "  PRIMARY KEY (vin, serial))"_s,
            u"CREATE TABLE assignments ("
            "  vin TEXT NOT NULL,"
            "  ecu_serial TEXT NOT NULL,"
            "  target_path TEXT NOT NULL,"
            "  length INTEGER NOT NULL,"
            "  hashes TEXT NOT NULL,"
            "  release_counter INTEGER,"
            "  hardware_id TEXT,"
            "  assigned_at TEXT NOT NULL,"
            "  PRIMARY KEY (vin, ecu_serial),"
            "  FOREIGN KEY (vin, ecu_serial) REFERENCES ecus(vin, serial))"_s,
            u"CREATE TABLE manifests ("
            "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
            "  received_at TEXT NOT NULL,"
            "  vin TEXT NOT NULL REFERENCES vehicles(vin),"
            "  encoding TEXT NOT NULL,"
            "  bytes BLOB NOT NULL,"
            "  verdict TEXT NOT NULL,"
            "  reason TEXT NOT NULL)"_s,
            u"CREATE TABLE installed ("
            "  vin TEXT NOT NULL,"
            "  ecu_serial TEXT NOT NULL,"
            "  image_path TEXT NOT NULL,"
            "  length INTEGER NOT NULL,"
            "  hashes TEXT NOT NULL,"
            "  reported_at TEXT NOT NULL,"
            "  manifest_id INTEGER NOT NULL REFERENCES manifests(id),"
            "  PRIMARY KEY (vin, ecu_serial),"
            "  FOREIGN KEY (vin, ecu_serial) REFERENCES ecus(vin, serial))"_s,
            u"CREATE TABLE attacks ("
            "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
            "  vin TEXT NOT NULL,"
            "  ecu_serial TEXT NOT NULL,"
            "  text TEXT NOT NULL,"
            "  reported_at TEXT NOT NULL,"
            "  manifest_id INTEGER NOT NULL REFERENCES manifests(id),"
            "  FOREIGN KEY (vin, ecu_serial) REFERENCES ecus(vin, serial))"_s,
            u"CREATE TABLE nonces ("
            "  vin TEXT NOT NULL,"
            "  ecu_serial TEXT NOT NULL,"
            "  nonce INTEGER NOT NULL,"
            "  PRIMARY KEY (vin, ecu_serial, nonce),"
            "  FOREIGN KEY (vin, ecu_serial) REFERENCES ecus(vin, serial))"_s,
            u"CREATE INDEX manifests_by_vin ON manifests(vin, id)"_s,
            u"CREATE INDEX attacks_by_vin ON attacks(vin, id)"_s,
        },
    };
    return steps;
}

QString timeText(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODate);
}

QDateTime timeFrom(const QVariant &value)
{
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODate);
    return time.toUTC();
}

// Hashes as canonical JSON {"sha256": "<hex>", ...}: readable in the sqlite3 shell.
QString hashesText(const Metadata::Hashes &hashes)
{
    Json::Object object;
    for (auto it = hashes.cbegin(); it != hashes.cend(); ++it)
        object.insert(it.key(), QString::fromLatin1(it.value().toHex()));
    return QString::fromUtf8(Json::canonical(object).value_or(QByteArray("{}")));
}

Result<Metadata::Hashes> hashesFrom(const QVariant &value)
{
    auto parsed = Json::parse(value.toString().toUtf8());
    if (!parsed || !parsed->isObject())
        return fail(ErrorCode::IoError, u"inventory: unreadable hashes %1"_s.arg(value.toString()));
    Metadata::Hashes hashes;
    const Json::Object object = parsed->toObject();
    for (auto it = object.cbegin(); it != object.cend(); ++it)
        hashes.insert(it.key(), QByteArray::fromHex(it.value().toString().toLatin1()));
    return hashes;
}

QVariant optionalInt(const std::optional<qint64> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<qint64>());
}

// A null QString binds as SQL NULL; the NOT NULL text columns want "" instead.
QVariant text(const QString &value)
{
    return value.isNull() ? QVariant(QString(u""_s)) : QVariant(value);
}

QVariant optionalText(const std::optional<QString> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<QString>());
}

std::atomic<quint64> s_connectionCounter{0};

} // namespace

struct Inventory::Impl
{
    QString connectionName;
    QSqlDatabase db;
    QThread *thread = QThread::currentThread();

    Error sqlError(const QString &what, const QSqlError &error) const
    {
        return Error{ErrorCode::IoError, u"inventory: %1: %2"_s.arg(what, error.text())};
    }

    Result<QSqlQuery> run(const QString &sql, const QVariantList &values = {}) const
    {
        Q_ASSERT_X(QThread::currentThread() == thread, "Inventory",
                   "an Inventory is used only on the thread that opened it (Qt Sql connections are per thread)");
        QSqlQuery query(db);
        query.setForwardOnly(true);
        if (!query.prepare(sql))
            return fail(sqlError(sql.section(u' ', 0, 2), query.lastError()));
        for (const QVariant &value : values)
            query.addBindValue(value);
        if (!query.exec())
            return fail(sqlError(sql.section(u' ', 0, 2), query.lastError()));
        return query;
    }

    // Runs work inside one transaction: committed when it succeeds, rolled back otherwise.
    template <typename Work>
    auto transaction(Work &&work) -> decltype(work())
    {
        if (!db.transaction())
            return fail(sqlError(u"begin transaction"_s, db.lastError()));
        auto result = work();
        if (!result) {
            db.rollback();
            return result;
        }
        if (!db.commit()) {
            const Error error = sqlError(u"commit"_s, db.lastError());
            db.rollback();
            return fail(error);
        }
        return result;
    }

    Result<qint64> pragma(const QString &name) const
    {
        auto query = run(u"PRAGMA "_s + name);
        if (!query)
            return fail(query.error());
        if (!query->next())
            return fail(ErrorCode::IoError, u"inventory: PRAGMA %1 gave no row"_s.arg(name));
        return query->value(0).toLongLong();
    }

    Result<bool> ecuExists(const QString &vin, const QString &serial) const
    {
        auto query = run(u"SELECT 1 FROM ecus WHERE vin = ? AND serial = ?"_s, {vin, serial});
        if (!query)
            return fail(query.error());
        return query->next();
    }

    Result<void> requireEcu(const QString &vin, const QString &serial) const
    {
        auto exists = ecuExists(vin, serial);
        if (!exists)
            return fail(exists.error());
        if (!*exists)
            return fail(ErrorCode::UnknownEcu, u"vehicle %1 has no ECU %2"_s.arg(vin, serial));
        return {};
    }
};

Inventory::Inventory(QString path, QString connectionName)
    : m_path(std::move(path)), m_impl(std::make_unique<Impl>())
{
    m_impl->connectionName = std::move(connectionName);
}

Inventory::~Inventory()
{
    const QString name = m_impl->connectionName;
    m_impl->db.close();
    m_impl->db = QSqlDatabase();  // the last handle must go before removeDatabase()
    QSqlDatabase::removeDatabase(name);
}

Result<std::unique_ptr<Inventory>> Inventory::open(const QString &path)
{
    const QFileInfo info(path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(ErrorCode::IoError, u"inventory: cannot create %1"_s.arg(info.absolutePath()));
    if (info.exists() && !info.isFile())
        return fail(ErrorCode::IoError, u"inventory: %1 is not a file"_s.arg(path));

    const QString name = u"uptane-inventory-%1"_s.arg(++s_connectionCounter);
    std::unique_ptr<Inventory> inventory(new Inventory(info.absoluteFilePath(), name));
    Impl &impl = *inventory->m_impl;
    impl.db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    if (!impl.db.isValid())
        return fail(ErrorCode::IoError, u"inventory: the Qt SQLite driver is not available"_s);
    impl.db.setDatabaseName(inventory->m_path);
    impl.db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!impl.db.open())
        return fail(impl.sqlError(u"open %1"_s.arg(path), impl.db.lastError()));
    if (auto prepared = inventory->prepareSchema(); !prepared)
        return fail(prepared.error());
    return inventory;
}

// Reads the header before writing anything, so a file that is not ours (or is from a newer
// program, or is damaged) is refused and left untouched.
Result<void> Inventory::prepareSchema()
{
    Impl &impl = *m_impl;
    auto applicationId = impl.pragma(u"application_id"_s);
    if (!applicationId)  // SQLite says "file is not a database" here for a damaged header
        return fail(ErrorCode::IoError,
                    u"inventory %1 is not a readable SQLite database (%2)"_s.arg(m_path, applicationId.error().detail));
    auto version = impl.pragma(u"user_version"_s);
    if (!version)
        return fail(version.error());
    auto tables = impl.pragma(u"schema_version"_s);  // 0 until a table was ever created
    if (!tables)
        return fail(ErrorCode::IoError, u"inventory %1: cannot read its schema (%2)"_s.arg(m_path, tables.error().detail));
    const bool empty = *tables == 0;

    if (*applicationId != kApplicationId && !(*applicationId == 0 && *version == 0 && empty))
        return fail(ErrorCode::Unsupported,
                    u"%1 is not an Uptane Lab inventory (application_id %2)"_s.arg(m_path).arg(*applicationId));
    if (*version > kSchemaVersion)
        return fail(ErrorCode::Unsupported,
                    u"inventory %1 has schema version %2, newer than this program's %3"_s
                        .arg(m_path).arg(*version).arg(kSchemaVersion));
    if (!empty) {
        // Scoped: a statement still holding rows keeps a read transaction open, and the
        // journal mode can only change outside any transaction.
        auto check = impl.run(u"PRAGMA quick_check"_s);
        const bool ok = check && check->next() && check->value(0).toString() == u"ok";
        if (!ok)
            return fail(ErrorCode::IoError, u"inventory %1 is damaged (quick_check failed)"_s.arg(m_path));
    }

    // WAL: a writer never blocks readers (an inspector may look on), and a killed process
    // leaves the last committed state.
    if (auto wal = impl.run(u"PRAGMA journal_mode=WAL"_s); !wal)
        return fail(wal.error());
    if (auto sync = impl.run(u"PRAGMA synchronous=NORMAL"_s); !sync)
        return fail(sync.error());
    if (auto keys = impl.run(u"PRAGMA foreign_keys=ON"_s); !keys)
        return fail(keys.error());

    if (*version == kSchemaVersion)
        return {};
    return impl.transaction([&]() -> Result<void> {
        for (qint64 step = *version; step < kSchemaVersion; ++step) {
            for (const QString &statement : migrations().at(step)) {
                if (auto done = impl.run(statement); !done)
                    return fail(done.error().context(u"migration %1 -> %2"_s.arg(step).arg(step + 1)));
            }
        }
        if (auto id = impl.run(u"PRAGMA application_id = %1"_s.arg(kApplicationId)); !id)
            return fail(id.error());
        if (auto set = impl.run(u"PRAGMA user_version = %1"_s.arg(kSchemaVersion)); !set)
            return fail(set.error());
        return {};
    });
}

Result<int> Inventory::schemaVersion() const
{
    auto version = m_impl->pragma(u"user_version"_s);
    if (!version)
        return fail(version.error());
    return int(*version);
}

// ---- vehicles and ECUs

Result<void> Inventory::addVehicle(const VehicleRecord &vehicle, const QList<EcuRecord> &ecus)
{
    if (vehicle.vin.isEmpty() || vehicle.primarySerial.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"a vehicle needs a VIN and a Primary serial"_s);
    QSet<QString> serials;
    QSet<QString> keyids;
    int primaries = 0;
    for (const EcuRecord &ecu : ecus) {
        if (ecu.vin != vehicle.vin)
            return fail(ErrorCode::InvalidArgument, u"ECU %1 belongs to %2, not %3"_s.arg(ecu.serial, ecu.vin, vehicle.vin));
        if (ecu.serial.isEmpty() || serials.contains(ecu.serial))
            return fail(ErrorCode::InvalidArgument, u"ECU serial \"%1\" empty or repeated"_s.arg(ecu.serial));
        if (ecu.key.isNull())
            return fail(ErrorCode::InvalidArgument, u"ECU %1 has no public key"_s.arg(ecu.serial));
        // The Director tells ECUs apart by their keys (a manifest signed by another ECU's key
        // is a spoofing attempt): no two ECUs of a vehicle may share one.
        const QString keyid = Metadata::computeKeyId(ecu.key);
        if (keyids.contains(keyid))
            return fail(ErrorCode::InvalidArgument, u"ECU %1 has the same key as another ECU of %2"_s.arg(ecu.serial, vehicle.vin));
        keyids.insert(keyid);
        serials.insert(ecu.serial);
        if (ecu.isPrimary) {
            ++primaries;
            if (ecu.serial != vehicle.primarySerial)
                return fail(ErrorCode::InvalidArgument,
                            u"ECU %1 is marked Primary but the vehicle's Primary is %2"_s.arg(ecu.serial, vehicle.primarySerial));
        }
    }
    if (primaries != 1)
        return fail(ErrorCode::InvalidArgument, u"vehicle %1 needs exactly one Primary ECU, has %2"_s.arg(vehicle.vin).arg(primaries));

    Impl &impl = *m_impl;
    return impl.transaction([&]() -> Result<void> {
        auto existing = impl.run(u"SELECT 1 FROM vehicles WHERE vin = ?"_s, {vehicle.vin});
        if (!existing)
            return fail(existing.error());
        if (existing->next())
            return fail(ErrorCode::InvalidArgument, u"vehicle %1 exists already"_s.arg(vehicle.vin));
        if (auto added = impl.run(u"INSERT INTO vehicles (vin, primary_serial, created) VALUES (?, ?, ?)"_s,
                                  {vehicle.vin, vehicle.primarySerial, timeText(vehicle.created)}); !added)
            return fail(added.error());
        for (const EcuRecord &ecu : ecus) {
            auto added = impl.run(u"INSERT INTO ecus (vin, serial, hardware_id, keytype, scheme, public_key, keyid, is_primary)"
                                  " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
                                  {ecu.vin, ecu.serial, text(ecu.hardwareId), ecu.key.keyTypeName(),
                                   ecu.key.schemeName(), ecu.key.publicValue(),
                                   Metadata::computeKeyId(ecu.key), ecu.isPrimary ? 1 : 0});
            if (!added)
                return fail(added.error());
        }
        return {};
    });
}

Result<void> Inventory::addEcu(const EcuRecord &ecu)
{
    if (ecu.isPrimary)
        return fail(ErrorCode::InvalidArgument, u"ECU %1: a vehicle keeps its one Primary"_s.arg(ecu.serial));
    if (ecu.serial.isEmpty() || ecu.key.isNull())
        return fail(ErrorCode::InvalidArgument, u"an ECU needs a serial and a public key"_s);
    Impl &impl = *m_impl;
    return impl.transaction([&]() -> Result<void> {
        auto existing = impl.run(u"SELECT 1 FROM vehicles WHERE vin = ?"_s, {ecu.vin});
        if (!existing)
            return fail(existing.error());
        if (!existing->next())
            return fail(ErrorCode::NotFound, u"no vehicle %1 in the inventory"_s.arg(ecu.vin));
        // As in addVehicle: serials and keys tell the vehicle's ECUs apart.
        const QString keyid = Metadata::computeKeyId(ecu.key);
        auto clash = impl.run(u"SELECT serial FROM ecus WHERE vin = ? AND (serial = ? OR keyid = ?)"_s,
                              {ecu.vin, ecu.serial, keyid});
        if (!clash)
            return fail(clash.error());
        if (clash->next()) {
            return fail(ErrorCode::InvalidArgument, u"ECU %1 of %2 has that serial or key already"_s.arg(
                                                        clash->value(0).toString(), ecu.vin));
        }
        auto added = impl.run(u"INSERT INTO ecus (vin, serial, hardware_id, keytype, scheme, public_key, keyid, is_primary)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?, 0)"_s,
                              {ecu.vin, ecu.serial, text(ecu.hardwareId), ecu.key.keyTypeName(),
                               ecu.key.schemeName(), ecu.key.publicValue(), keyid});
        if (!added)
            return fail(added.error());
        return {};
    });
}

Result<VehicleRecord> Inventory::vehicle(const QString &vin) const
{
    auto query = m_impl->run(u"SELECT vin, primary_serial, created FROM vehicles WHERE vin = ?"_s, {vin});
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(ErrorCode::NotFound, u"no vehicle %1 in the inventory"_s.arg(vin));
    return VehicleRecord{query->value(0).toString(), query->value(1).toString(), timeFrom(query->value(2))};
}

Result<QList<VehicleRecord>> Inventory::vehicles() const
{
    auto query = m_impl->run(u"SELECT vin, primary_serial, created FROM vehicles ORDER BY vin"_s);
    if (!query)
        return fail(query.error());
    QList<VehicleRecord> out;
    while (query->next())
        out.append({query->value(0).toString(), query->value(1).toString(), timeFrom(query->value(2))});
    return out;
}

namespace {

const QString kEcuColumns = u"SELECT vin, serial, hardware_id, keytype, scheme, public_key, keyid, is_primary FROM ecus"_s;

Result<EcuRecord> ecuFrom(const QSqlQuery &query)
{
    EcuRecord ecu;
    ecu.vin = query.value(0).toString();
    ecu.serial = query.value(1).toString();
    ecu.hardwareId = query.value(2).toString();
    auto key = Crypto::PublicKey::fromTuf(query.value(3).toString(), query.value(4).toString(),
                                          query.value(5).toString());
    if (!key)
        return fail(key.error().context(u"inventory: key of ECU %1"_s.arg(ecu.serial)));
    ecu.key = *key;
    ecu.keyid = query.value(6).toString();
    ecu.isPrimary = query.value(7).toInt() != 0;
    return ecu;
}

// Path, length and hashes from three consecutive columns starting at `column`.
Result<Metadata::TargetFile> imageFrom(const QSqlQuery &query, int column)
{
    Metadata::TargetFile image;
    image.path = query.value(column).toString();
    image.length = query.value(column + 1).toLongLong();
    auto hashes = hashesFrom(query.value(column + 2));
    if (!hashes)
        return fail(hashes.error());
    image.hashes = *hashes;
    return image;
}

} // namespace

Result<QList<EcuRecord>> Inventory::ecus(const QString &vin) const
{
    auto query = m_impl->run(kEcuColumns + u" WHERE vin = ? ORDER BY is_primary DESC, serial"_s, {vin});
    if (!query)
        return fail(query.error());
    QList<EcuRecord> out;
    while (query->next()) {
        auto ecu = ecuFrom(*query);
        if (!ecu)
            return fail(ecu.error());
        out.append(*ecu);
    }
    return out;
}

Result<EcuRecord> Inventory::ecu(const QString &vin, const QString &serial) const
{
    auto query = m_impl->run(kEcuColumns + u" WHERE vin = ? AND serial = ?"_s, {vin, serial});
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(ErrorCode::UnknownEcu, u"vehicle %1 has no ECU %2"_s.arg(vin, serial));
    return ecuFrom(*query);
}

// ---- assignments

Result<void> Inventory::assign(const AssignmentRecord &assignment)
{
    if (assignment.target.path.isEmpty() || assignment.target.hashes.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"an assignment needs a target path and hashes"_s);
    Impl &impl = *m_impl;
    return impl.transaction([&]() -> Result<void> {
        if (auto known = impl.requireEcu(assignment.vin, assignment.ecuSerial); !known)
            return known;
        const Metadata::TargetFile &target = assignment.target;
        auto set = impl.run(u"INSERT OR REPLACE INTO assignments (vin, ecu_serial, target_path, length, hashes,"
                            " release_counter, hardware_id, assigned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"_s,
                            {assignment.vin, assignment.ecuSerial, target.path, target.length,
                             hashesText(target.hashes), optionalInt(target.releaseCounter),
                             optionalText(target.hardwareId), timeText(assignment.assignedAt)});
        if (!set)
            return fail(set.error());
        return {};
    });
}

Result<void> Inventory::unassign(const QString &vin, const QString &ecuSerial)
{
    Impl &impl = *m_impl;
    return impl.transaction([&]() -> Result<void> {
        if (auto known = impl.requireEcu(vin, ecuSerial); !known)
            return known;
        auto removed = impl.run(u"DELETE FROM assignments WHERE vin = ? AND ecu_serial = ?"_s, {vin, ecuSerial});
        if (!removed)
            return fail(removed.error());
        return {};
    });
}

Result<QList<AssignmentRecord>> Inventory::assignments(const QString &vin) const
{
    auto query = m_impl->run(u"SELECT vin, ecu_serial, target_path, length, hashes, release_counter, hardware_id,"
                             " assigned_at FROM assignments WHERE vin = ? ORDER BY ecu_serial"_s, {vin});
    if (!query)
        return fail(query.error());
    QList<AssignmentRecord> out;
    while (query->next()) {
        AssignmentRecord record;
        record.vin = query->value(0).toString();
        record.ecuSerial = query->value(1).toString();
        auto target = imageFrom(*query, 2);
        if (!target)
            return fail(target.error());
        record.target = *target;
        if (!query->value(5).isNull())
            record.target.releaseCounter = query->value(5).toLongLong();
        if (!query->value(6).isNull())
            record.target.hardwareId = query->value(6).toString();
        record.assignedAt = timeFrom(query->value(7));
        out.append(record);
    }
    return out;
}

// ---- manifests

Result<bool> Inventory::nonceSeen(const QString &vin, const QString &ecuSerial, qint64 nonce) const
{
    auto query = m_impl->run(u"SELECT 1 FROM nonces WHERE vin = ? AND ecu_serial = ? AND nonce = ?"_s,
                             {vin, ecuSerial, nonce});
    if (!query)
        return fail(query.error());
    return query->next();
}

Result<qint64> Inventory::recordManifest(const AcceptedManifest &accepted)
{
    Impl &impl = *m_impl;
    const ManifestRecord &manifest = accepted.manifest;
    return impl.transaction([&]() -> Result<qint64> {
        auto known = vehicle(manifest.vin);
        if (!known)
            return fail(known.error());
        auto inserted = impl.run(u"INSERT INTO manifests (received_at, vin, encoding, bytes, verdict, reason)"
                                 " VALUES (?, ?, ?, ?, ?, ?)"_s,
                                 {timeText(manifest.receivedAt), manifest.vin,
                                  Metadata::encodingName(manifest.encoding), manifest.bytes,
                                  manifest.verdict.isEmpty() ? u"accepted"_s : manifest.verdict,
                                  text(manifest.reason)});
        if (!inserted)
            return fail(inserted.error());
        const qint64 id = inserted->lastInsertId().toLongLong();

        for (const NonceRecord &nonce : accepted.nonces) {
            if (auto known = impl.requireEcu(nonce.vin, nonce.ecuSerial); !known)
                return fail(known.error());
            auto seen = nonceSeen(nonce.vin, nonce.ecuSerial, nonce.nonce);
            if (!seen)
                return fail(seen.error());
            if (*seen)
                return fail(ErrorCode::ReusedNonce,
                            u"ECU %1 of %2 used nonce %3 before"_s.arg(nonce.ecuSerial, nonce.vin).arg(nonce.nonce));
            if (auto added = impl.run(u"INSERT INTO nonces (vin, ecu_serial, nonce) VALUES (?, ?, ?)"_s,
                                      {nonce.vin, nonce.ecuSerial, nonce.nonce}); !added)
                return fail(added.error());
        }
        for (const InstalledRecord &installed : accepted.installed) {
            if (auto known = impl.requireEcu(installed.vin, installed.ecuSerial); !known)
                return fail(known.error());
            auto added = impl.run(u"INSERT OR REPLACE INTO installed (vin, ecu_serial, image_path, length, hashes,"
                                  " reported_at, manifest_id) VALUES (?, ?, ?, ?, ?, ?, ?)"_s,
                                  {installed.vin, installed.ecuSerial, text(installed.image.path),
                                   installed.image.length, hashesText(installed.image.hashes),
                                   timeText(installed.reportedAt), id});
            if (!added)
                return fail(added.error());
        }
        for (const AttackRecord &attack : accepted.attacks) {
            if (auto known = impl.requireEcu(attack.vin, attack.ecuSerial); !known)
                return fail(known.error());
            auto added = impl.run(u"INSERT INTO attacks (vin, ecu_serial, text, reported_at, manifest_id)"
                                  " VALUES (?, ?, ?, ?, ?)"_s,
                                  {attack.vin, attack.ecuSerial, text(attack.text), timeText(attack.reportedAt), id});
            if (!added)
                return fail(added.error());
        }
        return id;
    });
}

Result<QList<ManifestRecord>> Inventory::manifests(const QString &vin, int limit) const
{
    auto query = m_impl->run(u"SELECT id, received_at, vin, encoding, bytes, verdict, reason FROM manifests"
                             " WHERE vin = ? ORDER BY id DESC LIMIT ?"_s, {vin, limit});
    if (!query)
        return fail(query.error());
    QList<ManifestRecord> out;
    while (query->next()) {
        ManifestRecord record;
        record.id = query->value(0).toLongLong();
        record.receivedAt = timeFrom(query->value(1));
        record.vin = query->value(2).toString();
        record.encoding = Metadata::encodingFromName(query->value(3).toString()).value_or(Metadata::Encoding::Json);
        record.bytes = query->value(4).toByteArray();
        record.verdict = query->value(5).toString();
        record.reason = query->value(6).toString();
        out.append(record);
    }
    return out;
}

Result<QList<InstalledRecord>> Inventory::installed(const QString &vin) const
{
    auto query = m_impl->run(u"SELECT vin, ecu_serial, image_path, length, hashes, reported_at, manifest_id"
                             " FROM installed WHERE vin = ? ORDER BY ecu_serial"_s, {vin});
    if (!query)
        return fail(query.error());
    QList<InstalledRecord> out;
    while (query->next()) {
        InstalledRecord record;
        record.vin = query->value(0).toString();
        record.ecuSerial = query->value(1).toString();
        auto image = imageFrom(*query, 2);
        if (!image)
            return fail(image.error());
        record.image = *image;
        record.reportedAt = timeFrom(query->value(5));
        record.manifestId = query->value(6).toLongLong();
        out.append(record);
    }
    return out;
}

Result<QList<AttackRecord>> Inventory::attacks(const QString &vin) const
{
    auto query = m_impl->run(u"SELECT vin, ecu_serial, text, reported_at, manifest_id FROM attacks"
                             " WHERE vin = ? ORDER BY id"_s, {vin});
    if (!query)
        return fail(query.error());
    QList<AttackRecord> out;
    while (query->next()) {
        out.append({query->value(0).toString(), query->value(1).toString(), query->value(2).toString(),
                    timeFrom(query->value(3)), query->value(4).toLongLong()});
    }
    return out;
}

} // namespace Uptane::Services

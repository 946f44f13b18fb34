#include "services/manifestverifier.h"

#include "metadata/codec.h"
#include "verify/defencegate.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace Uptane::Services {

namespace {

const QString kStep = u"Uptane 5.3.2"_s;
const QString kVehicleRole = u"vehicle manifest"_s;

// Whether a signature listed under keyid verifies under key. Only signatures listed under
// the key's own id count, as TUF counts them (§5.3.4): a signature is attributed to a key by
// its keyid, then checked.
enum class SignedBy { Valid, Invalid, Absent };

template <typename T>
SignedBy signedBy(const Metadata::Signed<T> &metadata, const QString &keyid, const Crypto::PublicKey &key)
{
    bool listed = false;
    for (const Metadata::Signature &signature : metadata.signatures) {
        if (signature.keyid != keyid)
            continue;
        listed = true;
        if (key.verify(metadata.signedBytes, signature.value))
            return SignedBy::Valid;
    }
    return listed ? SignedBy::Invalid : SignedBy::Absent;
}

class Checker
{
public:
    explicit Checker(Verify::VerificationReport *report) : m_report(report) {}

    template <typename T>
    Result<T> record(const QString &role, const QString &description, Result<T> result)
    {
        if (m_report)
            m_report->record(kStep, role, description, result);
        return result;
    }
    // A signature check: the test-only ManifestSignatures switch can turn it off.
    Result<void> signature(const QString &role, const QString &description, Result<void> result)
    {
        return Verify::guardedCheck(m_report, Verify::Defence::ManifestSignatures, kStep, role, description,
                                    std::move(result));
    }

private:
    Verify::VerificationReport *m_report;
};

Result<void> checkPrimarySignature(const Metadata::Signed<Metadata::VehicleManifest> &manifest,
                                   const EcuRecord &primary)
{
    switch (signedBy(manifest, primary.keyid, primary.key)) {
    case SignedBy::Valid:
        return {};
    case SignedBy::Invalid:
        return fail(ErrorCode::BadSignature,
                    u"the signature by Primary %1 (key %2) does not verify"_s.arg(primary.serial, primary.keyid));
    case SignedBy::Absent:
        break;
    }
    return fail(ErrorCode::ThresholdNotMet,
                u"0 of 1 signatures: not signed by Primary %1 (key %2)"_s.arg(primary.serial, primary.keyid));
}

Result<void> checkPrimarySerial(const QString &claimed, const VehicleInventory &vehicle)
{
    if (claimed == vehicle.vehicle.primarySerial)
        return {};
    for (const EcuRecord &ecu : vehicle.ecus) {
        if (ecu.serial == claimed)
            return fail(ErrorCode::SpoofedEcu, u"primary_ecu_serial %1 is a Secondary of %2; its Primary is %3"_s
                                                   .arg(claimed, vehicle.vehicle.vin, vehicle.vehicle.primarySerial));
    }
    return fail(ErrorCode::UnknownEcu, u"primary_ecu_serial %1 is not an ECU of %2"_s.arg(claimed, vehicle.vehicle.vin));
}

// Signed by the ECU's own registered key; SpoofedEcu when another ECU of the vehicle signed
// it instead (one ECU reporting as another), BadSignature otherwise.
Result<void> checkEcuSignature(const Metadata::Signed<Metadata::EcuManifest> &manifest, const EcuRecord &ecu,
                               const VehicleInventory &vehicle)
{
    const SignedBy own = signedBy(manifest, ecu.keyid, ecu.key);
    if (own == SignedBy::Valid)
        return {};
    for (const EcuRecord &other : vehicle.ecus) {
        if (other.serial != ecu.serial && other.keyid != ecu.keyid
            && signedBy(manifest, other.keyid, other.key) == SignedBy::Valid) {
            return fail(ErrorCode::SpoofedEcu,
                        u"the manifest of ECU %1 is signed by ECU %2's key"_s.arg(ecu.serial, other.serial));
        }
    }
    return fail(ErrorCode::BadSignature,
                own == SignedBy::Invalid
                    ? u"the signature by ECU %1 (key %2) does not verify"_s.arg(ecu.serial, ecu.keyid)
                    : u"the manifest of ECU %1 carries no signature by its key %2"_s.arg(ecu.serial, ecu.keyid));
}

const EcuRecord *findEcu(const VehicleInventory &vehicle, const QString &serial)
{
    for (const EcuRecord &ecu : vehicle.ecus) {
        if (ecu.serial == serial)
            return &ecu;
    }
    return nullptr;
}

} // namespace

Result<VerifiedManifest> verifyVehicleManifest(QByteArrayView bytes, const ManifestCheckOptions &options,
                                               const VehicleLookup &lookupVehicle, const NonceLookup &nonceSeen,
                                               Verify::VerificationReport *report)
{
    Checker check(report);
    auto parsed = check.record(kVehicleRole, u"parses as a vehicle version manifest"_s,
                               Metadata::parse<Metadata::VehicleManifest>(bytes, options.encoding));
    if (!parsed)
        return fail(parsed.error());
    const Metadata::VehicleManifest &body = parsed->body;

    // -- the vehicle
    auto lookedUp = lookupVehicle(body.vin);
    if (!lookedUp)
        return fail(lookedUp.error());
    auto known = [&]() -> Result<void> {
        if (options.expectedVin && *options.expectedVin != body.vin)
            return fail(ErrorCode::UnknownVehicle,
                        u"a manifest for vehicle %1 was sent for vehicle %2"_s.arg(body.vin, *options.expectedVin));
        if (!*lookedUp)
            return fail(ErrorCode::UnknownVehicle, u"vehicle %1 is not in the inventory"_s.arg(body.vin));
        return {};
    }();
    if (!check.record(kVehicleRole, u"the vehicle is in the inventory"_s, known))
        return fail(known.error());
    const VehicleInventory &vehicle = **lookedUp;

    const EcuRecord *primary = findEcu(vehicle, vehicle.vehicle.primarySerial);
    if (!primary)  // addVehicle() never lets this happen; a hand-edited database might
        return fail(ErrorCode::UnknownEcu, u"the inventory has no Primary ECU for %1"_s.arg(body.vin));
    if (auto ok = check.signature(kVehicleRole, u"signed by the Primary's key"_s, checkPrimarySignature(*parsed, *primary));
        !ok) {
        return fail(ok.error());
    }
    if (auto ok = check.record(kVehicleRole, u"sent by the vehicle's Primary"_s,
                               checkPrimarySerial(body.primaryEcuSerial, vehicle)); !ok)
        return fail(ok.error());

    // -- every ECU manifest
    VerifiedManifest verified;
    verified.manifest = *parsed;
    for (auto it = body.ecuManifests.cbegin(); it != body.ecuManifests.cend(); ++it) {
        const QString &serial = it.key();
        const QString role = u"ecu manifest "_s + serial;
        const EcuRecord *ecu = findEcu(vehicle, serial);
        auto inVehicle = ecu ? Result<void>{}
                             : Result<void>{fail(ErrorCode::UnknownEcu, u"ECU %1 is not in vehicle %2"_s.arg(serial, body.vin))};
        if (!check.record(role, u"an ECU of this vehicle"_s, inVehicle))
            return fail(inVehicle.error());

        QSet<qint64> noncesHere;
        for (const Metadata::Signed<Metadata::EcuManifest> &manifest : *it) {
            auto sameSerial = manifest.body.ecuSerial == serial
                ? Result<void>{}
                : Result<void>{fail(ErrorCode::SpoofedEcu, u"the manifest listed under ECU %1 is for ECU %2"_s
                                                              .arg(serial, manifest.body.ecuSerial))};
            if (!check.record(role, u"names the ECU it is listed under"_s, sameSerial))
                return fail(sameSerial.error());
            if (auto ok = check.signature(role, u"signed by the ECU's key"_s, checkEcuSignature(manifest, *ecu, vehicle));
                !ok) {
                return fail(ok.error());
            }

            auto seen = nonceSeen(body.vin, serial, manifest.body.nonce);
            if (!seen)
                return fail(seen.error());
            auto fresh = (*seen || noncesHere.contains(manifest.body.nonce))
                ? Result<void>{fail(ErrorCode::ReusedNonce, u"ECU %1 used nonce %2 before"_s.arg(serial).arg(manifest.body.nonce))}
                : Result<void>{};
            if (!check.record(role, u"nonce not seen before"_s, fresh))
                return fail(fresh.error());
            noncesHere.insert(manifest.body.nonce);
            verified.reports.append({serial, manifest.body});
        }
    }
    return verified;
}

AcceptedManifest acceptedRecords(const VerifiedManifest &verified, const QByteArray &bytes,
                                 Metadata::Encoding encoding, const QDateTime &receivedAt)
{
    const Metadata::VehicleManifest &body = verified.manifest.body;
    AcceptedManifest out;
    out.manifest.receivedAt = receivedAt;
    out.manifest.vin = body.vin;
    out.manifest.bytes = bytes;
    out.manifest.encoding = encoding;
    out.manifest.verdict = u"accepted"_s;
    out.manifest.reason = u"%1 ECU manifest(s)"_s.arg(verified.reports.size());

    QMap<QString, InstalledRecord> installed;  // the last report per ECU wins
    for (const EcuReport &report : verified.reports) {
        installed.insert(report.ecuSerial, {body.vin, report.ecuSerial, report.manifest.installedImage, receivedAt, 0});
        if (!report.manifest.attacksDetected.isEmpty())
            out.attacks.append({body.vin, report.ecuSerial, report.manifest.attacksDetected, receivedAt, 0});
        out.nonces.append({body.vin, report.ecuSerial, report.manifest.nonce});
    }
    if (!body.attacksDetected.isEmpty())
        out.attacks.append({body.vin, body.primaryEcuSerial, body.attacksDetected, receivedAt, 0});
    out.installed = installed.values();
    return out;
}

} // namespace Uptane::Services

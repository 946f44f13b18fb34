// Uptane messages in JSON: ECU Version Manifest, Vehicle Version Manifest (Uptane Standard
// §5.4.2.1 / the reference implementation's manifests) and the Time Server's attestation.
// Each "signed" carries a "_type" ("ecu_manifest", "vehicle_manifest", "time_attestation"),
// so one signed message can never be passed off as another kind.

#include "metadata/jsoncodec_p.h"

using namespace Qt::StringLiterals;

namespace Uptane::Metadata::detail::json {

namespace {

const QString kEcuManifestType = u"ecu_manifest"_s;
const QString kVehicleManifestType = u"vehicle_manifest"_s;
const QString kTimeAttestationType = u"time_attestation"_s;

} // namespace

// {"_type": "ecu_manifest", "ecu_serial", "installed_image": {"filepath", "fileinfo":
//  {"length", "hashes", "custom"?}}, "timeserver_time", "previous_timeserver_time",
//  "attacks_detected", "nonce"}
Result<void> readBody(const Json::Reader &signedObject, EcuManifest &out)
{
    METADATA_CHECK(checkType(signedObject, kEcuManifestType));
    METADATA_TRY(serial, signedObject.string(u"ecu_serial"_s));

    METADATA_TRY(image, signedObject.object(u"installed_image"_s));
    METADATA_TRY(filepath, image.string(u"filepath"_s));
    METADATA_TRY(fileinfo, image.object(u"fileinfo"_s));
    // An ECU may have nothing verified installed yet: hashes may be empty here.
    METADATA_TRY(installed, readTargetFile(fileinfo, filepath, true));
    // installed_image has no room for other members: refuse them rather than drop them.
    const Json::Object extra = image.unknownMembers({u"filepath"_s, u"fileinfo"_s});
    if (!extra.isEmpty())
        return std::unexpected(image.error(extra.firstKey(), u"unexpected member"_s));

    METADATA_TRY(time, readTime(signedObject, u"timeserver_time"_s));
    METADATA_TRY(previousTime, readTime(signedObject, u"previous_timeserver_time"_s));
    METADATA_TRY(attacks, signedObject.string(u"attacks_detected"_s));
    METADATA_TRY(nonce, signedObject.integer(u"nonce"_s));

    out.ecuSerial = serial;
    out.installedImage = installed;
    out.timeserverTime = time;
    out.previousTimeserverTime = previousTime;
    out.attacksDetected = attacks;
    out.nonce = nonce;
    out.unknown = signedObject.unknownMembers(
        {u"_type"_s, u"ecu_serial"_s, u"installed_image"_s, u"timeserver_time"_s,
         u"previous_timeserver_time"_s, u"attacks_detected"_s, u"nonce"_s});
    return {};
}

Result<Json::Object> writeBody(const EcuManifest &body)
{
    // Both times are required: an ECU that never had an attestation reports the time it
    // was provisioned with (or the epoch), not nothing.
    METADATA_TRY(time, timeString(body.timeserverTime, u"timeserver_time"_s));
    METADATA_TRY(previousTime,
                 timeString(body.previousTimeserverTime, u"previous_timeserver_time"_s));
    Json::Object object = body.unknown;
    object.insert(u"_type"_s, kEcuManifestType);
    object.insert(u"ecu_serial"_s, body.ecuSerial);
    object.insert(u"installed_image"_s,
                  Json::Object{{u"filepath"_s, body.installedImage.path},
                               {u"fileinfo"_s, writeTargetFile(body.installedImage)}});
    object.insert(u"timeserver_time"_s, time);
    object.insert(u"previous_timeserver_time"_s, previousTime);
    object.insert(u"attacks_detected"_s, body.attacksDetected);
    object.insert(u"nonce"_s, body.nonce);
    return object;
}

// {"_type": "vehicle_manifest", "vin", "primary_ecu_serial",
//  "ecu_version_manifests": {serial: [ECU manifest envelopes]}, "attacks_detected"}
Result<void> readBody(const Json::Reader &signedObject, VehicleManifest &out)
{
    METADATA_CHECK(checkType(signedObject, kVehicleManifestType));
    METADATA_TRY(vin, signedObject.string(u"vin"_s));
    METADATA_TRY(primary, signedObject.string(u"primary_ecu_serial"_s));
    METADATA_TRY(manifestsObject, signedObject.object(u"ecu_version_manifests"_s));
    using EcuManifests = QList<Signed<EcuManifest>>;
    METADATA_TRY(manifests, readMap<EcuManifests>(manifestsObject, [](const Json::Reader &list,
                                                                       const QString &) {
        // Each keeps its own signedBytes (canonical JSON of its own "signed"), so the
        // Director checks every ECU's signature, not just the Primary's.
        return readList<Signed<EcuManifest>>(list, [](const Json::Reader &envelope) {
            return readEnvelope<EcuManifest>(envelope);
        });
    }));
    METADATA_TRY(attacks, signedObject.string(u"attacks_detected"_s));

    out.vin = vin;
    out.primaryEcuSerial = primary;
    out.ecuManifests = manifests;
    out.attacksDetected = attacks;
    out.unknown = signedObject.unknownMembers({u"_type"_s, u"vin"_s, u"primary_ecu_serial"_s,
                                               u"ecu_version_manifests"_s,
                                               u"attacks_detected"_s});
    return {};
}

Result<Json::Object> writeBody(const VehicleManifest &body)
{
    Json::Object manifests;
    for (auto it = body.ecuManifests.cbegin(); it != body.ecuManifests.cend(); ++it) {
        Json::Array list;
        for (const Signed<EcuManifest> &manifest : *it) {
            // A DER-signed manifest cannot be embedded here: its signatures cover DER bytes
            // that the JSON form would not reproduce.
            if (manifest.encoding != Encoding::Json) {
                return fail(ErrorCode::InvalidArgument,
                            u"ecu_version_manifests.%1: a DER manifest in a JSON vehicle manifest"_s
                                .arg(it.key()));
            }
            METADATA_TRY(envelope, writeEnvelope(manifest));
            list.append(envelope);
        }
        manifests.insert(it.key(), list);
    }
    Json::Object object = body.unknown;
    object.insert(u"_type"_s, kVehicleManifestType);
    object.insert(u"vin"_s, body.vin);
    object.insert(u"primary_ecu_serial"_s, body.primaryEcuSerial);
    object.insert(u"ecu_version_manifests"_s, manifests);
    object.insert(u"attacks_detected"_s, body.attacksDetected);
    return object;
}

// {"_type": "time_attestation", "time", "nonces": [integers]}
Result<void> readBody(const Json::Reader &signedObject, TimeAttestation &out)
{
    METADATA_CHECK(checkType(signedObject, kTimeAttestationType));
    METADATA_TRY(time, readTime(signedObject, u"time"_s));
    METADATA_TRY(noncesArray, signedObject.array(u"nonces"_s));
    METADATA_TRY(nonces, readList<qint64>(noncesArray, [](const Json::Reader &nonce) {
        return nonce.asInteger();
    }));
    out.time = time;
    out.nonces = nonces;
    out.unknown = signedObject.unknownMembers({u"_type"_s, u"time"_s, u"nonces"_s});
    return {};
}

Result<Json::Object> writeBody(const TimeAttestation &body)
{
    METADATA_TRY(time, timeString(body.time, u"time"_s));
    Json::Array nonces;
    for (qint64 nonce : body.nonces)
        nonces.append(nonce);
    Json::Object object = body.unknown;
    object.insert(u"_type"_s, kTimeAttestationType);
    object.insert(u"time"_s, time);
    object.insert(u"nonces"_s, nonces);
    return object;
}

} // namespace Uptane::Metadata::detail::json

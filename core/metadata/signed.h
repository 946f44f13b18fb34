#pragma once

// Signed<T>: a metadata body with its signatures and the exact bytes those signatures cover
// (canonical JSON of "signed", or the DER of the Signed element). Verification always uses
// signedBytes as received, never a re-serialisation, so unknown fields stay covered.

#include "metadata/types.h"

namespace Uptane::Metadata {

template <typename T>
struct Signed
{
    T body;
    QList<Signature> signatures;
    QByteArray signedBytes;   // what the signatures sign
    Encoding encoding = Encoding::Json;
    Json::Value signedJson;   // JSON only: the "signed" tree as read (for inspection)
};

// Vehicle Version Manifest, signed by the Primary. Each ECU manifest is kept as received,
// signatures included, so the Director verifies each ECU's signature itself.
struct VehicleManifest
{
    QString vin;
    QString primaryEcuSerial;
    QMap<QString, QList<Signed<EcuManifest>>> ecuManifests;  // serial -> manifests
    QString attacksDetected;  // what the Primary itself detected; empty when none
    Json::Object unknown;
};

} // namespace Uptane::Metadata

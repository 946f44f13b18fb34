#pragma once

// Private to core/vehicle: what ecustore.cpp and ecustorejson.cpp share.

#include "crypto/keys.h"
#include "encoding/json.h"

namespace Uptane::Vehicle::detail {

// The TUF key object {"keytype", "keyval": {"public"}, "scheme"} (TUF §4.2): how ecu.json
// pins the Time Server key and what ecu.pub holds (the KeyRing's .pub format).
Json::Object tufKeyObject(const Crypto::PublicKey &key);

} // namespace Uptane::Vehicle::detail

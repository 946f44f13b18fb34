#pragma once

// TUF 1.0 §4 format rules checked on every role before its signatures count, beyond what the
// codec already enforces while reading (the verifier does not rely on a particular codec):
// version >= 1, a valid expiry; root lists all four roles with thresholds >= 1 and unique
// keyids (MissingRole, SchemaViolation, DuplicateKey); delegations have unique role names
// (DuplicateRoleName), never both paths and path_hash_prefixes, thresholds >= 1 and unique
// keyids; snapshot/timestamp METAFILES have versions >= 1 and lengths >= 0.

#include "metadata/types.h"

namespace Uptane::Verify {

Result<void> validateFormat(const Metadata::Root &root);
Result<void> validateFormat(const Metadata::Timestamp &timestamp);
Result<void> validateFormat(const Metadata::Snapshot &snapshot);
Result<void> validateFormat(const Metadata::Targets &targets);

} // namespace Uptane::Verify

#pragma once

// Shared body of the metadata fuzz targets: the input is offered to Metadata::parse<T> for
// every supported T in one encoding. Whatever parses must write back and read again, and
// the second round must be a fixed point (same file, same signedBytes); DER, being
// canonical, must even reproduce the input byte for byte. A violation aborts, which
// libFuzzer reports as a crash with the input that caused it.

#include "fuzz_check.h"
#include "metadata/codec.h"

namespace Uptane::Fuzz {

template <typename T>
void roundTrip(QByteArrayView input, Metadata::Encoding encoding, const char *type)
{
    auto parsed = Metadata::parse<T>(input, encoding);
    if (!parsed)
        return;
    auto written = Metadata::serialize(*parsed);
    if (!written)
        violated("parsed metadata does not serialize", type, written.error().toString());
    auto again = Metadata::parse<T>(*written, encoding);
    if (!again)
        violated("serialized metadata does not parse", type, again.error().toString());
    if (again->signedBytes != parsed->signedBytes)
        violated("signedBytes changed through serialize", type);
    auto rewritten = Metadata::serialize(*again);
    if (!rewritten || *rewritten != *written)
        violated("serialize(parse(serialize(x))) differs from serialize(x)", type);
    if (encoding == Metadata::Encoding::Der && *written != input)
        violated("DER input accepted but not reproduced byte for byte", type);
}

inline void fuzzAll(const uint8_t *data, size_t size, Metadata::Encoding encoding)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    (void)Metadata::peekType(input, encoding);
    roundTrip<Metadata::Root>(input, encoding, "root");
    roundTrip<Metadata::Targets>(input, encoding, "targets");
    roundTrip<Metadata::Snapshot>(input, encoding, "snapshot");
    roundTrip<Metadata::Timestamp>(input, encoding, "timestamp");
    roundTrip<Metadata::EcuManifest>(input, encoding, "ecu manifest");
    roundTrip<Metadata::VehicleManifest>(input, encoding, "vehicle manifest");
    roundTrip<Metadata::TimeAttestation>(input, encoding, "time attestation");
}

} // namespace Uptane::Fuzz

// libFuzzer target: arbitrary bytes as DER metadata (resources/asn1/uptane.asn) of every type.

#include "fuzz_metadata.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Uptane::Fuzz::fuzzAll(data, size, Uptane::Metadata::Encoding::Der);
    return 0;
}

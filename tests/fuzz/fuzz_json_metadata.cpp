// libFuzzer target: arbitrary bytes as TUF/Uptane JSON metadata of every type.

#include "fuzz_metadata.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Uptane::Fuzz::fuzzAll(data, size, Uptane::Metadata::Encoding::Json);
    return 0;
}

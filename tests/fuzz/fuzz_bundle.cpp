// libFuzzer target: arbitrary bytes as a metadata bundle (vehicle/bundle.h, a tar read by
// libarchive), with limits small enough that libFuzzer's inputs reach them. Whatever reads
// must write back, read again to the same files, and write to the same bytes a second time
// (the writer is deterministic).

#include "fuzz_check.h"
#include "vehicle/bundle.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using Uptane::Fuzz::violated;
    namespace Vehicle = Uptane::Vehicle;

    const Vehicle::BundleLimits limits{.maxEntries = 16, .maxEntryBytes = 16 * 1024, .maxTotalBytes = 32 * 1024};
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto files = Vehicle::readBundle(input, limits);
    if (!files)
        return 0;
    const auto written = Vehicle::writeBundle(*files);
    if (!written)
        violated("read bundle does not write", "bundle", written.error().toString());
    const auto again = Vehicle::readBundle(*written, limits);
    if (!again)
        violated("written bundle does not read", "bundle", again.error().toString());
    if (*again != *files)
        violated("files changed through write and read", "bundle");
    const auto rewritten = Vehicle::writeBundle(*again);
    if (!rewritten || *rewritten != *written)
        violated("the same files wrote to different bytes", "bundle");
    return 0;
}

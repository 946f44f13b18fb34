// libFuzzer target: arbitrary bytes as a bus message (metadata/busmessage.h), offered to the
// decoder in both encodings. The two encodings accept the same messages, so whatever decodes
// in one must encode in both and decode back to an equal message; DER, being canonical, must
// also reproduce an accepted input byte for byte.

#include "fuzz_check.h"
#include "metadata/busmessage.h"

namespace {

using Uptane::Fuzz::violated;
using Uptane::Metadata::Encoding;

void roundTrip(QByteArrayView input, Encoding from)
{
    const auto message = Uptane::Metadata::decodeBusMessage(input, from);
    if (!message)
        return;
    for (const Encoding to : {Encoding::Json, Encoding::Der}) {
        const QString route = Uptane::Metadata::encodingName(from) + u" -> " + Uptane::Metadata::encodingName(to);
        const auto written = Uptane::Metadata::encodeBusMessage(*message, to);
        if (!written)
            violated("decoded message does not encode", "bus message", route + u": " + written.error().toString());
        const auto again = Uptane::Metadata::decodeBusMessage(*written, to);
        if (!again)
            violated("encoded message does not decode", "bus message", route + u": " + again.error().toString());
        if (*again != *message)
            violated("message changed through encode and decode", "bus message", route);
        if (from == Encoding::Der && to == Encoding::Der && *written != input)
            violated("DER input accepted but not reproduced byte for byte", "bus message");
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    roundTrip(input, Encoding::Json);
    roundTrip(input, Encoding::Der);
    return 0;
}

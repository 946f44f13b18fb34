#pragma once

// What the event log's details pane shows for one event (private to widgets/log): the whole
// log line, the error's code and technical detail, and the bytes — text (JSON indented,
// without reparsing, so 64-bit nonces keep every digit) or a hex dump for DER and images.

#include "common/labevent.h"

#include <QString>

namespace Uptane::Widgets {

// At most this many bytes are dumped in hex (the rest is counted).
inline constexpr qsizetype kMaxHexDumpBytes = 4096;

QString eventDetailsText(const LabEvent &event);

// "00000000  7b 22 73 69 ...  {"si..." lines, 16 bytes each, at most kMaxHexDumpBytes.
QString hexDump(const QByteArray &bytes);
// JSON text re-indented by its brackets and commas (strings left untouched).
QString indentJson(const QString &json);

} // namespace Uptane::Widgets

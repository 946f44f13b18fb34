// The in-vehicle bus (vehiclebus.h). One lock guards the tables; nothing the bus calls out to
// (handlers, the interceptor, the event callback) runs under it, so any of them may call the
// bus again, from this thread or another.

#include "net/vehiclebus.h"

#include "metadata/busmessage.h"

#include <QMutexLocker>

using namespace Qt::StringLiterals;

namespace Uptane::Net {

VehicleBus::VehicleBus(QString vin, Metadata::Encoding encoding, qint64 maxMessageBytes)
    : m_vin(std::move(vin))
    , m_encoding(encoding)
    , m_maxMessageBytes(maxMessageBytes)
{
}

void VehicleBus::attach(const QString &node, Handler handler)
{
    QMutexLocker lock(&m_mutex);
    m_handlers.insert(node, std::move(handler));
}

void VehicleBus::detach(const QString &node)
{
    QMutexLocker lock(&m_mutex);
    m_handlers.remove(node);
}

QStringList VehicleBus::nodes() const
{
    QMutexLocker lock(&m_mutex);
    return m_handlers.keys();
}

void VehicleBus::setInterceptor(Interceptor interceptor)
{
    QMutexLocker lock(&m_mutex);
    m_interceptor = std::move(interceptor);
}

void VehicleBus::setEventCallback(EventCallback callback)
{
    QMutexLocker lock(&m_mutex);
    m_onEvent = std::move(callback);
}

void VehicleBus::setClock(const Clock *clock)
{
    QMutexLocker lock(&m_mutex);
    m_clock = clock;
}

Result<QByteArray> VehicleBus::call(const QString &from, const QString &to, const QByteArray &request)
{
    Handler handler;
    Interceptor interceptor;
    {
        QMutexLocker lock(&m_mutex);
        handler = m_handlers.value(to);
        interceptor = m_interceptor;
    }
    const QString route = u"%1 -> %2"_s.arg(from, to);
    // Reports a refused message and returns the caller's error.
    const auto refuse = [this](const QString &sender, const QString &receiver,
                               const QByteArray &bytes, Error error) {
        report(sender, receiver, bytes, error);
        return fail(std::move(error));
    };
    if (!handler)
        return refuse(from, to, request, Error{ErrorCode::NotFound, route + u": no such node on the bus"_s});

    // One direction of travel: the size bound before and after the interceptor (neither a
    // sender nor an attacker on the wire can put more on the bus than it carries), then
    // delivery. Returns the bytes that arrive.
    const auto travel = [&](const QString &sender, const QString &receiver, QByteArray bytes,
                            bool isReply) -> Result<QByteArray> {
        const QString what = u"%1 %2 -> %3"_s.arg(isReply ? u"reply"_s : u"request"_s, sender, receiver);
        const auto tooLarge = [&](const QByteArray &oversize) {
            return refuse(sender, receiver, oversize,
                          Error{ErrorCode::TooLarge, u"%1: %2 bytes, more than the %3 the bus carries"_s
                                                         .arg(what).arg(oversize.size()).arg(m_maxMessageBytes)});
        };
        if (bytes.size() > m_maxMessageBytes)
            return tooLarge(bytes);
        if (interceptor) {
            std::optional<QByteArray> changed = interceptor(sender, receiver, bytes, isReply);
            if (!changed)
                return refuse(sender, receiver, bytes,
                              Error{ErrorCode::Cancelled, what + u": dropped on the bus"_s});
            bytes = std::move(*changed);
            if (bytes.size() > m_maxMessageBytes)
                return tooLarge(bytes);
        }
        report(sender, receiver, bytes, std::nullopt);
        return bytes;
    };

    auto delivered = travel(from, to, request, false);
    if (!delivered)
        return delivered;
    return travel(to, from, handler(*delivered), true);
}

qint64 VehicleBus::deliveredCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_delivered;
}

qint64 VehicleBus::refusedCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_refused;
}

void VehicleBus::report(const QString &from, const QString &to, const QByteArray &bytes,
                        std::optional<Error> error)
{
    EventCallback onEvent;
    const Clock *clock = nullptr;
    {
        QMutexLocker lock(&m_mutex);
        ++(error ? m_refused : m_delivered);
        onEvent = m_onEvent;
        clock = m_clock;
    }
    if (!onEvent)
        return;

    // What an observer of the wire would make of the bytes: the receiver's own decode.
    const auto decoded = Metadata::decodeBusMessage(bytes, m_encoding, m_maxMessageBytes);
    LabEvent event;
    event.time = clock ? clock->now() : SystemClock().now();
    event.from = m_vin + u'/' + from;
    event.to = m_vin + u'/' + to;
    event.kind = LabEvent::Kind::BusMessage;
    event.summary = u"%1 %2 bytes"_s.arg(decoded ? Metadata::busMessageKindName(decoded->kind)
                                                 : u"undecodable"_s)
                        .arg(bytes.size());
    event.bytes = bytes.left(kMaxEventBytes);
    event.totalBytes = bytes.size();
    event.error = std::move(error);
    onEvent(event);
}

} // namespace Uptane::Net

#pragma once

// VehicleBus: the in-vehicle network between a Primary and its Secondaries, in-process. It
// carries bytes only (encoded Metadata::BusMessage), never shared objects, so what a
// Secondary receives is exactly what went over the wire and an attacker on the bus (or a
// compromised Primary) is an Interceptor that changes bytes.
//
// Request/reply: call() hands the request to the receiver's handler on the caller's thread
// and returns the handler's reply. Messages above the bus's maximum are refused (TooLarge)
// in both directions and reported; receivers decode and refuse malformed messages
// themselves (Metadata::decodeBusMessage) and answer with an Ack naming the error.
//
// Every delivery emits a LabEvent (kind BusMessage, from sender node to receiver node,
// summary "<kind> <n> bytes" as decoded from the bytes, or "undecodable ..."; the bytes; the
// error when the bus refused it). Node ids in events: "<vin>/<serial>". A request and its
// reply are two messages and two events. The summary comes from a full decode
// (Metadata::decodeBusMessage with the bus's maximum), so it costs what the receiver's decode
// costs (see busmessage.h for large payloads); event bytes stop at kMaxEventBytes.
//
// Thread-safe: attach/detach/setInterceptor/setEventCallback may run on any thread; call()
// runs the handler without holding the bus lock (handlers may call() again). The handler,
// interceptor and event callback a call uses are the ones set when it reached them: detach()
// does not wait for a handler that is already running.

#include "common/clock.h"
#include "common/labevent.h"
#include "metadata/types.h"

#include <QMap>
#include <QMutex>

#include <functional>

namespace Uptane::Net {

class VehicleBus
{
public:
    // The reply to a request (an encoded BusMessage).
    using Handler = std::function<QByteArray(const QByteArray &request)>;
    // What the bus delivers instead of bytes, per direction: request (from -> to) and reply
    // (to -> from, isReply = true). from and to are the serials in the direction of travel:
    // for a reply, from is the node that answers. Returning the bytes unchanged is a passive
    // tap; std::nullopt drops the message (the caller gets Cancelled: "dropped on the bus").
    // It sees only messages within the bus's maximum, and what it returns is held to it too.
    using Interceptor = std::function<std::optional<QByteArray>(const QString &from, const QString &to,
                                                                const QByteArray &bytes, bool isReply)>;
    using EventCallback = std::function<void(const LabEvent &)>;

    VehicleBus(QString vin, Metadata::Encoding encoding,
               qint64 maxMessageBytes = kDefaultMaxMessageBytes);

    static constexpr qint64 kDefaultMaxMessageBytes = 64LL * 1024 * 1024;

    QString vin() const { return m_vin; }
    Metadata::Encoding encoding() const { return m_encoding; }
    qint64 maxMessageBytes() const { return m_maxMessageBytes; }

    // A node (ECU serial) answering requests; replaces an earlier handler of that node.
    void attach(const QString &node, Handler handler);
    void detach(const QString &node);
    QStringList nodes() const;

    void setInterceptor(Interceptor interceptor);  // empty function: none
    void setEventCallback(EventCallback callback);
    // The clock that stamps events (not owned; it must outlive the bus). nullptr: the system
    // clock, which is the default.
    void setClock(const Clock *clock);

    // Delivers request from -> to and returns to's reply. NotFound for an unknown receiver;
    // TooLarge for a request or reply above maxMessageBytes (the handler is not called for
    // an oversize request); Cancelled when the interceptor dropped either direction.
    Result<QByteArray> call(const QString &from, const QString &to, const QByteArray &request);

    // Messages delivered and refused since construction, each direction counted: a call
    // that succeeds delivers two. Refused: to an unknown node, oversize, or dropped.
    qint64 deliveredCount() const;
    qint64 refusedCount() const;

private:
    void report(const QString &from, const QString &to, const QByteArray &bytes,
                std::optional<Error> error);

    const QString m_vin;
    const Metadata::Encoding m_encoding;
    const qint64 m_maxMessageBytes;
    mutable QMutex m_mutex;
    QMap<QString, Handler> m_handlers;
    Interceptor m_interceptor;
    EventCallback m_onEvent;
    const Clock *m_clock = nullptr;
    qint64 m_delivered = 0;
    qint64 m_refused = 0;
};

} // namespace Uptane::Net

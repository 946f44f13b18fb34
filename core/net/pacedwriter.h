#pragma once

// PacedWriter: streams the body of an HTTP answer onto a socket without blocking the thread
// that owns it, for the adversary's deliveries (HttpExchange::Delivery in httphost.h):
//   slow retrieval  the body at a given rate (TUF threat model: "slow retrieval attack");
//   endless data    the body, then filler bytes, up to a total (TUF: "endless data attack").
// The status line and headers are written first, at once. Pacing is QTimer-driven against a
// monotonic clock; an unpaced stream writes whenever the socket's buffer drains (flow
// control by the client's reading), so memory stays bounded either way. Every write moves
// bytes, so a host's idle timeout that restarts on QTcpSocket::bytesWritten stays quiet while
// the stream moves (a rate below one byte per idle interval does look idle).
//
// Ownership: a child of the socket, deleted with it or when done; it closes the connection
// (disconnectFromHost) after the last byte and stops as soon as the socket leaves the
// connected state (the client gave up). Runs on the socket's thread.

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>

class QTcpSocket;
class QTimer;

namespace Uptane::Net {

class PacedWriter final : public QObject
{
public:
    // Writes head, then totalBytes of body (body first, then filler; at least the body).
    // bytesPerSecond > 0 paces the body; 0 writes as fast as the client reads.
    static PacedWriter *start(QTcpSocket *socket, const QByteArray &head, QByteArray body,
                              qint64 totalBytes, qint64 bytesPerSecond);

    qint64 sentBytes() const { return m_sent; }

    // The byte that follows the body in an endless answer.
    static constexpr char kFiller = '\0';
    // Most bytes handed to the socket at once, and most left waiting in its buffer.
    static constexpr qint64 kChunkBytes = 64 * 1024;
    // Pacing ticks at least this often (less often only below 10 bytes per second).
    static constexpr int kTickMs = 100;

private:
    PacedWriter(QTcpSocket *socket, QByteArray body, qint64 totalBytes, qint64 bytesPerSecond);
    void pump();
    void writeNext(qint64 bytes);
    void finish();

    QTcpSocket *m_socket;
    const QByteArray m_body;
    const qint64 m_total;
    const qint64 m_rate;
    qint64 m_sent = 0;
    QElapsedTimer m_clock;
    QTimer *m_timer = nullptr;  // child; paced streams only
    bool m_done = false;
};

} // namespace Uptane::Net

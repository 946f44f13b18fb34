#include "net/pacedwriter.h"

#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace Uptane::Net {

namespace {

// Rates above this are not slow; the cap keeps rate * elapsed milliseconds in range.
constexpr qint64 kMaxRate = 1LL << 30;

const QByteArray &filler()
{
    static const QByteArray bytes(PacedWriter::kChunkBytes, PacedWriter::kFiller);
    return bytes;
}

} // namespace

PacedWriter *PacedWriter::start(QTcpSocket *socket, const QByteArray &head, QByteArray body,
                                qint64 totalBytes, qint64 bytesPerSecond)
{
    socket->write(head);
    auto *writer = new PacedWriter(socket, std::move(body), totalBytes, bytesPerSecond);
    writer->pump();
    return writer;
}

PacedWriter::PacedWriter(QTcpSocket *socket, QByteArray body, qint64 totalBytes, qint64 bytesPerSecond)
    : QObject(socket)
    , m_socket(socket)
    , m_body(std::move(body))
    , m_total(std::max<qint64>(totalBytes, m_body.size()))
    , m_rate(std::clamp<qint64>(bytesPerSecond, 0, kMaxRate))
{
    // The client hung up (or the host's idle timer aborted the connection): nothing to send to.
    connect(socket, &QAbstractSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        if (state != QAbstractSocket::ConnectedState && !m_done) {
            m_done = true;
            deleteLater();
        }
    });
    if (m_rate > 0) {
        m_timer = new QTimer(this);
        // Ten ticks a second, or one per byte below ten bytes a second.
        m_timer->setInterval(int(std::max<qint64>(kTickMs, 1000 / m_rate)));
        connect(m_timer, &QTimer::timeout, this, &PacedWriter::pump);
        m_timer->start();
        m_clock.start();
    } else {
        // Unpaced: refill whenever the kernel took some of what is buffered.
        connect(socket, &QTcpSocket::bytesWritten, this, &PacedWriter::pump);
    }
}

void PacedWriter::pump()
{
    if (m_done)
        return;
    if (m_socket->state() != QAbstractSocket::ConnectedState) {
        m_done = true;
        deleteLater();
        return;
    }
    // What the client has not read yet stays in the socket's buffer: never pile more on it.
    qint64 budget = kChunkBytes - m_socket->bytesToWrite();
    if (m_rate > 0) {
        // Against the clock, not per tick: late timer events do not slow the stream further.
        const qint64 due = std::max<qint64>(1, m_rate * m_clock.elapsed() / 1000);
        budget = std::min(budget, due - m_sent);
    }
    budget = std::min(budget, m_total - m_sent);
    if (budget > 0)
        writeNext(budget);
    if (m_sent >= m_total)
        finish();
}

void PacedWriter::writeNext(qint64 bytes)
{
    if (m_sent < m_body.size()) {
        const qint64 part = std::min(bytes, m_body.size() - m_sent);
        m_socket->write(m_body.constData() + m_sent, part);
        m_sent += part;
        bytes -= part;
    }
    while (bytes > 0) {
        const qint64 part = std::min(bytes, kChunkBytes);
        m_socket->write(filler().constData(), part);
        m_sent += part;
        bytes -= part;
    }
}

void PacedWriter::finish()
{
    m_done = true;
    if (m_timer)
        m_timer->stop();
    disconnect(m_socket, nullptr, this, nullptr);
    // Sends what is buffered, then closes.
    m_socket->disconnectFromHost();
    deleteLater();
}

} // namespace Uptane::Net

#pragma once

// The injectable clock. Every expiry check, attestation and scenario asks a Clock for "now";
// tests and scenarios hand in a ManualClock so time moves only when they say so.

#include <QDateTime>

#include <atomic>

namespace Uptane {

class Clock
{
public:
    virtual ~Clock() = default;
    // Current time in UTC, whole seconds (TUF expiries have second resolution).
    virtual QDateTime now() const = 0;
};

// Wall-clock time.
class SystemClock final : public Clock
{
public:
    QDateTime now() const override;
};

// A clock that shows what it was set to; thread-safe to read while another thread sets it.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(const QDateTime &start);
    QDateTime now() const override;
    void set(const QDateTime &time);
    void advance(qint64 seconds);

private:
    std::atomic<qint64> m_secsSinceEpoch;
};

} // namespace Uptane

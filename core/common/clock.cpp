#include "clock.h"


namespace Uptane {

QDateTime SystemClock::now() const
{
    return QDateTime::fromSecsSinceEpoch(QDateTime::currentSecsSinceEpoch(), Qt::UTC);
}

ManualClock::ManualClock(const QDateTime &start)
    : m_secsSinceEpoch(start.toSecsSinceEpoch())
{
}

QDateTime ManualClock::now() const
{
    return QDateTime::fromSecsSinceEpoch(m_secsSinceEpoch.load(), Qt::UTC);
}

void ManualClock::set(const QDateTime &time)
{
    m_secsSinceEpoch.store(time.toSecsSinceEpoch());
}

void ManualClock::advance(qint64 seconds)
{
    m_secsSinceEpoch.fetch_add(seconds);
}

} // namespace Uptane

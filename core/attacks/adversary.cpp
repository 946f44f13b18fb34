#include "attacks/adversary.h"

#include <QDateTime>
#include <QMutexLocker>

using namespace Qt::StringLiterals;

namespace Uptane::Attacks {

struct Adversary::Action
{
    enum class Type { Rewrite, Replace, Flip, Drop, Slow, Endless, Manifest, Attestation, Bus, Marker };

    Action(ActiveAttack info_, Type type_, QString pattern_ = {})
        : info(std::move(info_)), type(type_), pattern(std::move(pattern_))
    {
    }

    ActiveAttack info;
    Type type = Type::Rewrite;
    QString pattern;      // HTTP path pattern (or the manifest path for Manifest)
    QString vin;          // Bus
    Rewrite rewrite;      // Rewrite, Manifest, Attestation
    BusRewrite busRewrite;
    QByteArray bytes;     // Replace
    qint64 value = 0;     // Flip: offset; Slow: bytes per second
};

namespace {

constexpr auto kAttestationPath = "/timeserver/attestation";

AttackSite siteOf(const QString &path)
{
    if (path.startsWith(u"/imagerepo/"_s))
        return AttackSite::ImageRepoLink;
    if (path.startsWith(u"/timeserver/"_s))
        return AttackSite::TimeServerLink;
    return AttackSite::DirectorLink;
}

// The node the site's events go to (LabEvent node ids).
QString nodeOf(AttackSite site)
{
    switch (site) {
    case AttackSite::ImageRepoLink:
        return u"imagerepo"_s;
    case AttackSite::TimeServerLink:
        return u"timeserver"_s;
    case AttackSite::Bus:
    case AttackSite::DirectorLink:
    case AttackSite::StolenKeys:  // a marker: it never reports
        break;
    }
    return u"director"_s;
}

// Glob with '*': a trailing one matches any rest (a prefix match); an inner one any run of
// characters within one path segment (no '/'), so "<dir>/*<name>" never reaches into
// another directory.
bool globMatch(QStringView pattern, QStringView path)
{
    const qsizetype star = pattern.indexOf(u'*');
    if (star < 0)
        return pattern == path;
    if (!path.startsWith(pattern.left(star)))
        return false;
    const QStringView rest = pattern.mid(star + 1);
    if (rest.isEmpty())
        return true;
    QStringView tail = path.mid(star);
    for (qsizetype i = 0; i <= tail.size(); ++i) {
        if (globMatch(rest, tail.mid(i)))
            return true;
        if (i < tail.size() && tail.at(i) == u'/')
            return false;
    }
    return false;
}

} // namespace

void Adversary::setEventCallback(EventCallback callback)
{
    QMutexLocker lock(&m_mutex);
    m_onEvent = std::move(callback);
}

AttackId Adversary::add(Action action)
{
    QMutexLocker lock(&m_mutex);
    action.info.id = m_nextId++;
    m_actions.append(std::make_shared<Action>(std::move(action)));
    return m_actions.constLast()->info.id;
}

void Adversary::undo(AttackId id)
{
    QMutexLocker lock(&m_mutex);
    m_actions.removeIf([id](const std::shared_ptr<Action> &action) { return action->info.id == id; });
}

void Adversary::undoAll()
{
    QMutexLocker lock(&m_mutex);
    m_actions.clear();
}

QList<ActiveAttack> Adversary::active() const
{
    QMutexLocker lock(&m_mutex);
    QList<ActiveAttack> list;
    for (const auto &action : m_actions)
        list.append(action->info);
    return list;
}

bool Adversary::isActive() const
{
    QMutexLocker lock(&m_mutex);
    return !m_actions.isEmpty();
}

QString Adversary::imagePattern(const QString &imagePath)
{
    const qsizetype slash = imagePath.lastIndexOf(u'/');
    const QString dir = slash < 0 ? QString() : imagePath.left(slash + 1);
    return u"/imagerepo/targets/"_s + dir + u'*' + imagePath.mid(slash + 1);
}

bool Adversary::matches(const QString &pattern, const QString &path)
{
    return globMatch(pattern, path);
}

// ---- adding actions

namespace {

ActiveAttack httpInfo(const QString &pattern, const QString &description)
{
    ActiveAttack info;
    info.site = siteOf(pattern);
    info.target = pattern;
    info.description = description;
    return info;
}

} // namespace

AttackId Adversary::rewriteServed(const QString &pathPattern, Rewrite rewrite, const QString &description)
{
    Action action{httpInfo(pathPattern, description), Action::Type::Rewrite, pathPattern};
    action.rewrite = std::move(rewrite);
    return add(std::move(action));
}

AttackId Adversary::replaceServed(const QString &pathPattern, const QByteArray &bytes, const QString &description)
{
    Action action{httpInfo(pathPattern, description), Action::Type::Replace, pathPattern};
    action.bytes = bytes;
    return add(std::move(action));
}

AttackId Adversary::flipByte(const QString &pathPattern, qint64 offset, const QString &description)
{
    Action action{httpInfo(pathPattern, description), Action::Type::Flip, pathPattern};
    action.value = offset;
    return add(std::move(action));
}

AttackId Adversary::dropRequests(const QString &pathPattern, const QString &description)
{
    return add(Action{httpInfo(pathPattern, description), Action::Type::Drop, pathPattern});
}

AttackId Adversary::serveSlowly(const QString &pathPattern, qint64 bytesPerSecond, const QString &description)
{
    Action action{httpInfo(pathPattern, description), Action::Type::Slow, pathPattern};
    action.value = std::max<qint64>(1, bytesPerSecond);
    return add(std::move(action));
}

AttackId Adversary::serveEndless(const QString &pathPattern, const QString &description)
{
    return add(Action{httpInfo(pathPattern, description), Action::Type::Endless, pathPattern});
}

AttackId Adversary::tamperManifest(const QString &vin, Rewrite rewrite, const QString &description)
{
    const QString path = u"/director/%1/manifest"_s.arg(vin);
    Action action{httpInfo(path, description), Action::Type::Manifest, path};
    action.rewrite = std::move(rewrite);
    return add(std::move(action));
}

AttackId Adversary::rewriteAttestation(Rewrite rewrite, const QString &description)
{
    const QString path = QString::fromLatin1(kAttestationPath);
    Action action{httpInfo(path, description), Action::Type::Attestation, path};
    action.rewrite = std::move(rewrite);
    return add(std::move(action));
}

AttackId Adversary::interceptBus(const QString &vin, BusRewrite rewrite, const QString &description)
{
    Action action{ActiveAttack{0, AttackSite::Bus, vin, description}, Action::Type::Bus};
    action.vin = vin;
    action.busRewrite = std::move(rewrite);
    return add(std::move(action));
}

AttackId Adversary::holdKeys(const QString &repository, const QString &description)
{
    return add(Action{ActiveAttack{0, AttackSite::StolenKeys, repository, description}, Action::Type::Marker});
}

// ---- the wire

namespace {

LabEvent makeEvent(const QString &to, const QString &summary, const QByteArray &bytes)
{
    LabEvent event;
    event.time = QDateTime::currentDateTimeUtc();
    event.from = u"adversary"_s;
    event.to = to;
    event.kind = LabEvent::Kind::Note;
    event.summary = summary;
    event.bytes = bytes.left(kMaxEventBytes);
    event.totalBytes = bytes.size();
    return event;
}

} // namespace

// A snapshot of the matching actions and the callback: user functions run without the
// lock, so they may call back into the adversary (undo from a capture, say) and never block
// each other.
QList<std::shared_ptr<Adversary::Action>> Adversary::snapshot(const std::function<bool(const Action &)> &wanted,
                                                              EventCallback &onEvent) const
{
    QMutexLocker lock(&m_mutex);
    QList<std::shared_ptr<Action>> actions;
    for (const auto &action : m_actions) {
        if (wanted(*action))
            actions.append(action);
    }
    onEvent = m_onEvent;
    return actions;
}

void Adversary::onRequest(Net::HttpExchange &exchange)
{
    EventCallback onEvent;
    const auto actions = snapshot([&](const Action &action) {
        return (action.type == Action::Type::Manifest || action.type == Action::Type::Drop)
               && matches(action.pattern, exchange.path);
    }, onEvent);
    if (actions.isEmpty())
        return;
    for (const auto &action : actions) {
        const QString node = nodeOf(action->info.site);
        if (action->type == Action::Type::Drop) {
            exchange.delivery = Net::HttpExchange::Delivery::Drop;
            if (onEvent)
                onEvent(makeEvent(node, u"%1: dropped %2"_s.arg(action->info.description, exchange.path), {}));
            return;  // nothing else reaches the service
        }
        if (exchange.method != "POST" || !action->rewrite)
            continue;
        const QByteArray rewritten = action->rewrite(exchange.requestBody);
        if (rewritten == exchange.requestBody)
            continue;
        exchange.requestBody = rewritten;
        if (onEvent) {
            onEvent(makeEvent(node, u"%1: rewrote the body of %2"_s.arg(action->info.description, exchange.path),
                              rewritten));
        }
    }
}

void Adversary::onResponse(Net::HttpExchange &exchange)
{
    EventCallback onEvent;
    const auto actions = snapshot([&](const Action &action) {
        return action.type != Action::Type::Manifest && action.type != Action::Type::Drop
               && action.type != Action::Type::Bus && action.type != Action::Type::Marker
               && matches(action.pattern, exchange.path);
    }, onEvent);
    if (actions.isEmpty())
        return;
    using Delivery = Net::HttpExchange::Delivery;
    for (const auto &action : actions) {
        const QString node = nodeOf(action->info.site);
        QString what;
        switch (action->type) {
        case Action::Type::Rewrite:
        case Action::Type::Attestation: {
            // Only a real answer is rewritten (status 200 kept); attestations are POSTed.
            const bool rightMethod = action->type == Action::Type::Attestation ? exchange.method == "POST"
                                                                               : exchange.method == "GET";
            if (!rightMethod || exchange.status != 200 || !action->rewrite)
                continue;
            const QByteArray rewritten = action->rewrite(exchange.body);
            if (rewritten == exchange.body)
                continue;
            exchange.body = rewritten;
            what = u"rewrote"_s;
            break;
        }
        case Action::Type::Replace:
            if (exchange.method != "GET")
                continue;
            // Served even where the real file is gone (a replay of a deleted version).
            exchange.status = 200;
            exchange.contentType = Net::HttpHost::contentTypeFor(exchange.path);
            exchange.body = action->bytes;
            what = u"replaced"_s;
            break;
        case Action::Type::Flip: {
            if (exchange.method != "GET" || exchange.status != 200)
                continue;
            const qint64 at = action->value < 0 ? exchange.body.size() + action->value : action->value;
            if (at < 0 || at >= exchange.body.size())
                continue;
            exchange.body[at] = char(exchange.body.at(at) ^ 0x01);
            what = u"flipped byte %1 of"_s.arg(at);
            break;
        }
        case Action::Type::Slow:
            exchange.delivery = Delivery::Slow;
            exchange.bytesPerSecond = action->value;
            what = u"slowed to %1 B/s"_s.arg(action->value);
            break;
        case Action::Type::Endless:
            exchange.delivery = Delivery::Endless;
            exchange.bytesPerSecond = 0;
            exchange.announceLength = false;
            what = u"made endless"_s;
            break;
        case Action::Type::Manifest:
        case Action::Type::Drop:
        case Action::Type::Bus:
        case Action::Type::Marker:
            continue;
        }
        if (onEvent)
            onEvent(makeEvent(node, u"%1: %2 %3"_s.arg(action->info.description, what, exchange.path), exchange.body));
    }
}

std::optional<QByteArray> Adversary::onBus(const QString &vin, const QString &from, const QString &to,
                                           const QByteArray &bytes, bool isReply)
{
    EventCallback onEvent;
    const auto actions = snapshot([&](const Action &action) {
        return action.type == Action::Type::Bus && action.vin == vin && action.busRewrite;
    }, onEvent);
    if (actions.isEmpty())
        return bytes;
    QByteArray current = bytes;
    for (const auto &action : actions) {
        const std::optional<QByteArray> delivered = action->busRewrite(from, to, current, isReply);
        if (!delivered) {
            if (onEvent) {
                onEvent(makeEvent(vin, u"%1: dropped a message %2 -> %3"_s.arg(action->info.description, from, to),
                                  {}));
            }
            return std::nullopt;
        }
        if (*delivered == current)
            continue;
        current = *delivered;
        if (onEvent) {
            onEvent(makeEvent(vin, u"%1: rewrote a message %2 -> %3"_s.arg(action->info.description, from, to),
                              current));
        }
    }
    return current;
}

} // namespace Uptane::Attacks

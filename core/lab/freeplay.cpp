#include "lab/freeplay.h"

#include "attacks/adversary.h"
#include "attacks/freeplay_p.h"
#include "services/oemservices.h"

#include <QHash>
#include <QPointer>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Uptane::Lab {

using Attacks::FreePlayAttack;
using Attacks::ScenarioContext;

namespace {

// A context, created by the first job that needs it on the services thread and only ever
// touched there; the owner thread merely holds the pointer (as ScenarioRunner does).
struct ContextSlot
{
    std::unique_ptr<ScenarioContext> context;

    ScenarioContext &get(Services::OemServices &services, Lab &lab)
    {
        if (!context)
            context = std::make_unique<ScenarioContext>(services, lab.adversary(), lab.clock());
        return *context;
    }
};
using SlotPtr = std::shared_ptr<ContextSlot>;

// Switching off: the adversary's tracked actions undone, then the toggle's own clean-up.
Result<void> takeBack(ScenarioContext &ctx, const FreePlayAttack &attack)
{
    ctx.undoTracked();
    return attack.undo ? attack.undo(ctx) : Result<void>{};
}

std::function<Result<void>(Services::OemServices &)> takeBackJob(SlotPtr slot, Lab *lab, FreePlayAttack attack)
{
    return [slot = std::move(slot), lab, attack = std::move(attack)](Services::OemServices &services) {
        return takeBack(slot->get(services, *lab), attack);
    };
}

} // namespace

struct FreePlay::Private
{
    Private(FreePlay &freePlay, Lab &lab) : q(freePlay), lab(lab) {}

    FreePlay &q;
    Lab &lab;
    QStringList active;                 // in the order they were switched on
    QHash<QString, SlotPtr> contexts;   // per active (or switching) toggle
    QSet<QString> pending;
    QSet<QString> undoWhenOn;           // undoAll() met them switching on
    SlotPtr recorder = std::make_shared<ContextSlot>();  // freeplay_p.h: the eavesdropper
    Vehicle::MaliciousImages malicious;  // every image any toggle ever planted

    void record();
    void switchOn(const FreePlayAttack &attack);
    void switchOff(const FreePlayAttack &attack);
    void finish(const QString &id, bool on, const Result<void> &done);
};

// After every cycle of the demo vehicle the Primary completed, the recorder notes what the
// repositories serve (the vehicle now trusts that); also once at the start.
void FreePlay::Private::record()
{
    Lab *labPtr = &lab;
    lab.runOnServices([recorder = recorder, labPtr](Services::OemServices &services) {
        return Attacks::FreePlayKit::recordServed(recorder->get(services, *labPtr));
    });
}

void FreePlay::Private::switchOn(const FreePlayAttack &attack)
{
    const SlotPtr slot = std::make_shared<ContextSlot>();
    contexts.insert(attack.id, slot);
    auto planted = std::make_shared<Vehicle::MaliciousImages>();
    Lab *labPtr = &lab;
    QPointer<FreePlay> guard(&q);
    lab.runOnServices(
        [slot, recorder = recorder, labPtr, attack, planted](Services::OemServices &services) -> Result<void> {
            if (!attack.apply)
                return fail(ErrorCode::InvalidArgument, u"%1 has nothing to apply"_s.arg(attack.id));
            ScenarioContext &ctx = slot->get(services, *labPtr);
            ScenarioContext &eavesdropped = recorder->get(services, *labPtr);
            ctx.bytes.insert(eavesdropped.bytes);
            ctx.values.insert(eavesdropped.values);
            Result<void> applied = attack.apply(ctx);
            *planted = ctx.malicious();
            if (!applied)
                (void)takeBack(ctx, attack);  // half an attack is worse than none
            return applied;
        },
        [this, guard, id = attack.id, planted](Result<void> done) {
            if (!guard)
                return;
            if (!planted->isEmpty()) {
                malicious.unite(*planted);
                lab.setMaliciousImages(malicious);
            }
            finish(id, true, done);
        });
}

void FreePlay::Private::switchOff(const FreePlayAttack &attack)
{
    QPointer<FreePlay> guard(&q);
    lab.runOnServices(
        takeBackJob(contexts.value(attack.id), &lab, attack),
        [this, guard, id = attack.id](Result<void> done) {
            if (guard)
                finish(id, false, done);
        });
}

void FreePlay::Private::finish(const QString &id, bool on, const Result<void> &done)
{
    pending.remove(id);
    if (!done) {
        // Off failed: the adversary's part is undone, the clean-up (rotating keys) is not; the
        // toggle stays on so switching it off again retries. On failed: undone already.
        if (on)
            contexts.remove(id);
        undoWhenOn.remove(id);
        Q_EMIT q.failed(id, done.error());
        return;
    }
    if (on) {
        active.append(id);
    } else {
        active.removeAll(id);
        contexts.remove(id);
    }
    Q_EMIT q.changed(id, on);
    if (on && undoWhenOn.remove(id))
        q.setActive(id, false);
}

FreePlay::FreePlay(Lab &lab, QObject *parent) : QObject(parent), d(std::make_unique<Private>(*this, lab))
{
    qRegisterMetaType<Uptane::Error>();
    connect(&lab, &Lab::cycleFinished, this, [this](const QString &vin, const Vehicle::CycleResult &cycle) {
        if (vin == Services::DemoFleet::vin() && !cycle.stoppedBy)
            d->record();
    });
    d->record();
}

FreePlay::~FreePlay()
{
    // Whatever is on, or still switching on, goes off (queued after the jobs in flight, so
    // after the apply of one switching on). One switching off is already on its way.
    QStringList going = d->active;
    for (const QString &id : std::as_const(d->pending)) {
        if (!d->active.contains(id))
            going.append(id);
        else
            going.removeAll(id);
    }
    for (auto it = going.crbegin(); it != going.crend(); ++it) {
        const FreePlayAttack *attack = Attacks::findFreePlayAttack(*it);
        const SlotPtr slot = d->contexts.value(*it);
        if (attack && slot)
            d->lab.runOnServices(takeBackJob(slot, &d->lab, *attack));
    }
}

bool FreePlay::setActive(const QString &id, bool on)
{
    const FreePlayAttack *attack = Attacks::findFreePlayAttack(id);
    if (!attack || d->pending.contains(id) || isActive(id) == on)
        return false;
    d->pending.insert(id);
    if (on)
        d->switchOn(*attack);
    else
        d->switchOff(*attack);
    return true;
}

bool FreePlay::isActive(const QString &id) const
{
    return d->active.contains(id);
}

bool FreePlay::isPending(const QString &id) const
{
    return d->pending.contains(id);
}

QStringList FreePlay::active() const
{
    return d->active;
}

void FreePlay::undoAll()
{
    for (const QString &id : std::as_const(d->pending)) {
        if (!isActive(id))
            d->undoWhenOn.insert(id);
    }
    const QStringList on = d->active;
    for (auto it = on.crbegin(); it != on.crend(); ++it)
        setActive(*it, false);
}

} // namespace Uptane::Lab

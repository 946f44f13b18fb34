#pragma once

// Plays free-play attacks (attacks/freeplay.h) on a Lab: switch a toggle on and its apply()
// runs on the services thread with a context of its own; switch it off and the context's
// tracked adversary actions are undone and its undo() runs. Several toggles may be on at
// once. Asynchronous like the Lab: called from the owner thread, results by signal.

#include "attacks/freeplay.h"
#include "lab/lab.h"

#include <QObject>

#include <memory>

namespace Uptane::Lab {

class FreePlay : public QObject
{
    Q_OBJECT
public:
    // The lab must be started and outlive this object.
    explicit FreePlay(Lab &lab, QObject *parent = nullptr);
    ~FreePlay() override;

    // Starts (on) or undoes (off) attack `id`. Returns false (and changes nothing) for an
    // unknown id, when it already is in that state, or while a switch of it is in flight.
    bool setActive(const QString &id, bool on);
    bool isActive(const QString &id) const;
    bool isPending(const QString &id) const;   // a switch is in flight
    QStringList active() const;                // ids, in the order they were switched on
    // Undoes every active attack (the Reset button; the end of a demo).
    void undoAll();

Q_SIGNALS:
    // After a switch completed: the new state.
    void changed(const QString &id, bool active);
    // A switch failed (the state stays as it was; an apply that failed half-way is undone).
    void failed(const QString &id, const Uptane::Error &error);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace Uptane::Lab

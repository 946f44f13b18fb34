#pragma once

// The attack panel (issue 6, "Attack panel"): every free-play attack (attacks/freeplay.h) as a
// toggle, grouped by where the attacker sits, for free play beyond the scripted scenarios.
// Clicking a toggle asks the Lab::FreePlay to switch it; the toggle shows the switch in
// flight (disabled, "switching" in the status line) and takes the new state only when the
// FreePlay reports it (changed), so it never claims an attack that is not in force. A failed
// switch leaves the toggle as it was and shows the error under the toggles. "Undo all"
// switches every active attack off.
//
// Object names: "attackPanel"; one checkable QPushButton per attack, "attack-<id>" (accessible
// name: its title; tooltip and accessible description: its explanation; icon: its
// placement); the groups "attackGroup-<placement>" (QGroupBox, placement as
// attackerPlacementName()); "attackStatus" (QLabel: what is switching, how many are on),
// "attackError" (QLabel: the last failure, hidden when there is none), "undoAllAttacks"
// (QPushButton, Ctrl+Shift+U).

#include <QHash>
#include <QWidget>

class QLabel;
class QPushButton;

namespace Uptane {
struct Error;
}

namespace Uptane::Lab {
class FreePlay;
}

namespace Uptane::Widgets {

class AttackPanel : public QWidget
{
    Q_OBJECT
public:
    // The free play must outlive the panel.
    explicit AttackPanel(Lab::FreePlay &freePlay, QWidget *parent = nullptr);
    ~AttackPanel() override;

    // The toggle of attack id (nullptr for an unknown id).
    QPushButton *toggle(const QString &id) const;

Q_SIGNALS:
    // After a switch completed (the FreePlay's changed()).
    void attackToggled(const QString &id, bool on);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onClicked(const QString &id, bool checked);
    void onChanged(const QString &id, bool active);
    void onFailed(const QString &id, const Uptane::Error &error);
    void undoAll();
    void refresh();
    void styleError();

    Lab::FreePlay &m_freePlay;
    QHash<QString, QPushButton *> m_toggles;
    QLabel *m_status = nullptr;
    QLabel *m_error = nullptr;
    QPushButton *m_undoAll = nullptr;
};

} // namespace Uptane::Widgets

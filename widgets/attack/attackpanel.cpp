#include "widgets/attack/attackpanel.h"

#include "attacks/freeplay.h"
#include "lab/freeplay.h"

#include <QEvent>
#include <QGroupBox>
#include <QIcon>
#include <QLabel>
#include <QMap>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Uptane::Widgets {

namespace {

using Attacks::AttackerPlacement;

// The group titles, in the order the groups appear: from the servers down to the vehicle.
QList<std::pair<AttackerPlacement, QString>> placements()
{
    return {
        {AttackerPlacement::DirectorServer, AttackPanel::tr("On the Director (stolen keys)")},
        {AttackerPlacement::ImageRepoServer, AttackPanel::tr("On the Image Repository (stolen keys)")},
        {AttackerPlacement::DirectorLink, AttackPanel::tr("Between the vehicle and the Director")},
        {AttackerPlacement::ImageRepoLink, AttackPanel::tr("Between the vehicle and the Image Repository")},
        {AttackerPlacement::TimeServerLink, AttackPanel::tr("Between the vehicle and the Time Server")},
        {AttackerPlacement::Primary, AttackPanel::tr("Inside the vehicle (Primary and bus)")},
    };
}

QIcon placementIcon(AttackerPlacement placement)
{
    return QIcon(u":/icons/attack/%1.svg"_s.arg(Attacks::attackerPlacementName(placement)));
}

// An error colour that reads on the palette's window: a dark red on light windows, a light
// red on dark ones.
QColor errorColour(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5 ? QColor(0xff, 0x8a, 0x80) : QColor(0xb0, 0x00, 0x20);
}

} // namespace

AttackPanel::AttackPanel(Lab::FreePlay &freePlay, QWidget *parent) : QWidget(parent), m_freePlay(freePlay)
{
    setObjectName(u"attackPanel"_s);
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);

    auto *intro = new QLabel(tr("Switch an attack on, then run an update cycle to see what stops it. "
                                "Several may be on at once."),
                             this);
    intro->setWordWrap(true);
    outer->addWidget(intro);

    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *content = new QWidget(scroll);
    auto *groups = new QVBoxLayout(content);

    // Icons as tall as a line of text and a half: they grow with the font (presentation mode).
    const int side = fontMetrics().height() * 3 / 2;
    const QSize iconSize(side, side);
    QMap<int, QList<Attacks::FreePlayAttack>> byPlacement;
    for (const Attacks::FreePlayAttack &attack : Attacks::freePlayAttacks())
        byPlacement[int(attack.placement)].append(attack);
    for (const auto &[placement, title] : placements()) {
        const QList<Attacks::FreePlayAttack> attacks = byPlacement.value(int(placement));
        if (attacks.isEmpty())
            continue;
        auto *group = new QGroupBox(title, content);
        group->setObjectName(u"attackGroup-"_s + Attacks::attackerPlacementName(placement));
        auto *column = new QVBoxLayout(group);
        for (const Attacks::FreePlayAttack &attack : attacks) {
            auto *button = new QPushButton(placementIcon(placement), attack.translatedTitle(), group);
            button->setObjectName(u"attack-"_s + attack.id);
            button->setCheckable(true);
            button->setIconSize(iconSize);
            button->setAccessibleName(attack.translatedTitle());
            button->setAccessibleDescription(attack.translatedExplanation());
            button->setToolTip(attack.translatedExplanation());
            const QString id = attack.id;
            connect(button, &QPushButton::clicked, this, [this, id](bool checked) { onClicked(id, checked); });
            column->addWidget(button);
            m_toggles.insert(id, button);
        }
        groups->addWidget(group);
    }
    groups->addStretch(1);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(u"attackError"_s);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    styleError();
    outer->addWidget(m_error);

    m_status = new QLabel(this);
    m_status->setObjectName(u"attackStatus"_s);
    m_status->setWordWrap(true);
    outer->addWidget(m_status);

    m_undoAll = new QPushButton(tr("&Undo all attacks"), this);
    m_undoAll->setObjectName(u"undoAllAttacks"_s);
    m_undoAll->setAccessibleName(tr("Undo all attacks"));
    m_undoAll->setToolTip(tr("Switch every attack off (Ctrl+Shift+U)"));
    m_undoAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U));
    connect(m_undoAll, &QPushButton::clicked, this, &AttackPanel::undoAll);
    outer->addWidget(m_undoAll);

    connect(&m_freePlay, &Lab::FreePlay::changed, this, &AttackPanel::onChanged);
    connect(&m_freePlay, &Lab::FreePlay::failed, this, &AttackPanel::onFailed);
    refresh();
}

AttackPanel::~AttackPanel() = default;

QPushButton *AttackPanel::toggle(const QString &id) const
{
    return m_toggles.value(id);
}

void AttackPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::PaletteChange)
        styleError();
    QWidget::changeEvent(event);
}

void AttackPanel::onClicked(const QString &id, bool checked)
{
    m_error->hide();
    m_freePlay.setActive(id, checked);
    refresh();  // the check mark follows the FreePlay, not the click
}

void AttackPanel::onChanged(const QString &id, bool active)
{
    refresh();
    Q_EMIT attackToggled(id, active);
}

void AttackPanel::onFailed(const QString &id, const Uptane::Error &error)
{
    const Attacks::FreePlayAttack *attack = Attacks::findFreePlayAttack(id);
    const QString title = attack ? attack->translatedTitle() : id;
    // The switch that failed went the other way from the state the toggle keeps.
    const QString text = m_freePlay.isActive(id) ? tr("Could not switch off “%1”: %2").arg(title, error.toString())
                                                 : tr("Could not switch on “%1”: %2").arg(title, error.toString());
    m_error->setText(text);
    m_error->show();
    refresh();
}

void AttackPanel::undoAll()
{
    m_error->hide();
    m_freePlay.undoAll();
    refresh();
}

// Every toggle as the FreePlay has it: checked (and bold) when active, disabled while
// switching.
void AttackPanel::refresh()
{
    QStringList switching;
    for (auto it = m_toggles.cbegin(); it != m_toggles.cend(); ++it) {
        const bool pending = m_freePlay.isPending(it.key());
        const bool active = m_freePlay.isActive(it.key());
        it.value()->setChecked(active);
        // A checked button's sunken look is faint on a projector: an active attack is bold too.
        QFont font = it.value()->font();
        font.setBold(active);
        it.value()->setFont(font);
        it.value()->setEnabled(!pending);
        if (pending)
            switching.append(it.value()->text());
    }
    const qsizetype active = m_freePlay.active().size();
    if (!switching.isEmpty()) {
        switching.sort();
        m_status->setText(tr("Switching: %1…").arg(switching.join(u", "_s)));
    } else if (active == 0) {
        m_status->setText(tr("No attack is on."));
    } else {
        m_status->setText(tr("%n attack(s) on.", nullptr, int(active)));
    }
    m_undoAll->setEnabled(active > 0);
}

void AttackPanel::styleError()
{
    if (!m_error)
        return;
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, errorColour(this->palette()));
    m_error->setPalette(palette);
}

} // namespace Uptane::Widgets

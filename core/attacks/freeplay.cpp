// PLACEHOLDER (lead): the free-play helper replaces this.
#include "attacks/freeplay.h"

namespace Uptane::Attacks {

QString attackerPlacementName(AttackerPlacement) { return {}; }
QString FreePlayAttack::translatedTitle() const { return QString::fromUtf8(title); }
QString FreePlayAttack::translatedExplanation() const { return QString::fromUtf8(explanation); }
QList<FreePlayAttack> freePlayAttacks() { return {}; }
const FreePlayAttack *findFreePlayAttack(const QString &) { return nullptr; }

} // namespace Uptane::Attacks

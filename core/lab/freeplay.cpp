// PLACEHOLDER (lead): the free-play helper replaces this.
#include "lab/freeplay.h"

namespace Uptane::Lab {

struct FreePlay::Private
{
};

FreePlay::FreePlay(Lab &, QObject *parent) : QObject(parent), d(std::make_unique<Private>()) {}
FreePlay::~FreePlay() = default;
bool FreePlay::setActive(const QString &, bool) { return false; }
bool FreePlay::isActive(const QString &) const { return false; }
bool FreePlay::isPending(const QString &) const { return false; }
QStringList FreePlay::active() const { return {}; }
void FreePlay::undoAll() {}

} // namespace Uptane::Lab

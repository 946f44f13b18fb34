// Placeholder: replaced by the helper that writes this part of the catalogue.
#include "attacks/catalogue.h"

namespace Uptane::Attacks {

QList<Scenario> repositoryThreatScenarios()
{
    return {};
}

} // namespace Uptane::Attacks

// The catalogue: the three parts in presentation order, checked once for unique ids.

#include "attacks/catalogue.h"

#include <QSet>

namespace Uptane::Attacks {

const QList<Scenario> &catalogue()
{
    static const QList<Scenario> all = [] {
        QList<Scenario> list = referenceScenarios();
        list += partialScenarios();
        list += repositoryThreatScenarios();
        list += vehicleThreatScenarios();
        QSet<QString> ids;
        for (const Scenario &scenario : std::as_const(list)) {
            if (ids.contains(scenario.id))
                qFatal("scenario id %s used twice", qPrintable(scenario.id));
            ids.insert(scenario.id);
        }
        return list;
    }();
    return all;
}

const Scenario *findScenario(const QString &id)
{
    for (const Scenario &scenario : catalogue()) {
        if (scenario.id == id)
            return &scenario;
    }
    return nullptr;
}

} // namespace Uptane::Attacks

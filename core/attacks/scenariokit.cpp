// Placeholder: the lead writes the kit.
#include "attacks/scenariokit.h"

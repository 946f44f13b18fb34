// Placeholder: replaced by the runner helper.
#include "lab/scenariorunner.h"

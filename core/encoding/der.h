#pragma once
// placeholder: the libtasn1 wrapper (DER helper writes this)

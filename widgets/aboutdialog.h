#pragma once

// Help > About: what Uptane Lab is, its version, the specifications it implements and the
// versions of the libraries it runs on (Uptane::Lab::libraryVersions()). Object names for
// tests: "aboutDialog", "libraryVersions" (a two-column table, one row per library),
// "aboutCloseButton".

#include <QDialog>

namespace Uptane::Widgets {

class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QWidget *parent = nullptr);
};

} // namespace Uptane::Widgets

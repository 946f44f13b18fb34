#pragma once

// The demonstrator's main window. For now a welcome page; the topology canvas, scenario
// panel and inspectors arrive with the GUI issue.

#include <QMainWindow>

namespace Uptane::Widgets {

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};

} // namespace Uptane::Widgets

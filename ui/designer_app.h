#pragma once
// Starts the designer window (QApplication, sample project on first start).
namespace gw::ui {
int runDesignerApp(int argc, char *argv[]);
}

#pragma once
// The window's palettes: the system's (default), or Fusion light or dark chosen in View > Theme.
// Status colours (badges, 4xx/5xx, trace bars) are chosen to read on both.
#include <QString>

namespace gw::ui {

// "system", "light" or "dark"; anything else is "system".
void applyTheme(const QString &theme);
QString currentTheme();

} // namespace gw::ui

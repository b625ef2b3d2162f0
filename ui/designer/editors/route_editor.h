#pragma once
// A route's page: method and path (checked as the user types), the integration it calls, its
// authorization, and the URL it answers at.
#include "item_editor.h"

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;

namespace gw::ui {

class RouteFlowStrip;

class RouteEditor : public ItemEditor {
    Q_OBJECT
public:
    explicit RouteEditor(ProjectDocument *document, QWidget *parent = nullptr);
    ItemKind kind() const override { return ItemKind::Route; }
    // The base URL of an API's $default stage ("" when not served), for the invoke URL.
    void setUrlLookup(std::function<QString(const QString &apiKey)> lookup) { m_urlOf = std::move(lookup); }

    RouteFlowStrip *flow() const { return m_flow; }

signals:
    void itemRequested(gw::ItemId item); // a box of the flow strip was clicked
    void newIntegrationRequested(gw::ItemId route); // "New integration…" in the picker

protected:
    void load() override;

private:
    const Route *route() const;
    const Api *api() const;
    void commitRouteKey(EditField field);
    void commitIntegration();
    void reloadLater();
    void commitAuthorization();

    RouteFlowStrip *m_flow;
    QComboBox *m_method;
    QLineEdit *m_path;
    QLabel *m_pathHint;
    QComboBox *m_integration;
    QComboBox *m_authorization;
    QComboBox *m_authorizer;
    QLabel *m_url;
    std::function<QString(const QString &)> m_urlOf;
};

// "Path parameters: {id} one path segment · {proxy+} the rest" (rich text), or "" without any.
QString describePathParameters(const QString &path);

} // namespace gw::ui

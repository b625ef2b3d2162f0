#pragma once
// A REST method's page, laid out as the console's Method Execution view: the four parts and the
// backend as boxes, and under them the chosen part's editor. Mapping templates (integration
// request and integration responses) are edited with Velocity highlighting and a live preview
// against a sample request. Each part's other fields are edited as their JSON, applied at each
// pause in typing; a typing session is one undo step.
#include "item_editor.h"

#include "designer/method_execution_view.h"
#include "designer/template_preview_panel.h"
#include "part_json_edit.h"

#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace gw::ui {

class AccessLogModel;

class MethodEditor : public ItemEditor {
    Q_OBJECT
public:
    explicit MethodEditor(ProjectDocument *document, QWidget *parent = nullptr);
    ItemKind kind() const override { return ItemKind::Method; }
    MethodExecutionView *executionView() const { return m_view; }
    void showPart(MethodExecutionView::Part part);
    // The template pages, for tests: the integration request's and the integration responses'.
    TemplatePreviewPanel *requestTemplates() const { return m_requestTemplate; }
    TemplatePreviewPanel *responseTemplates() const { return m_responseTemplate; }
    QComboBox *requestTemplateType() const { return m_requestType; }
    QComboBox *responseChoice() const { return m_responseChoice; }
    QComboBox *responseTemplateType() const { return m_responseType; }
    // Adds a template for a content type to the chosen part (integration request or response).
    bool addTemplate(MethodExecutionView::Part part, const QString &contentType);
    PartJsonEdit *partJson(MethodExecutionView::Part part) const { return m_json[part]; }
    // The traffic log the template previews take samples from ("From traffic").
    void setTraffic(const AccessLogModel *traffic) { m_traffic = traffic; }

protected:
    void load() override;

private:
    const RestMethod *method(const RestResource **resource = nullptr) const;
    const Api *api() const;
    bool commitPart(MethodExecutionView::Part part, const Json &json, QString *error);
    void commitTemplate(MethodExecutionView::Part part, const QString &text);
    void loadTemplates();
    QString defaultSample(bool forResponse) const;
    QList<TemplatePreviewPanel::LoggedSample> loggedSamples(bool forResponse) const;

    MethodExecutionView *m_view;
    const AccessLogModel *m_traffic = nullptr;
    QStackedWidget *m_pages;
    PartJsonEdit *m_json[MethodExecutionView::PartCount] = {};
    TemplatePreviewPanel *m_requestTemplate;
    TemplatePreviewPanel *m_responseTemplate;
    QComboBox *m_requestType;
    QComboBox *m_responseChoice;
    QComboBox *m_responseType;
    QLabel *m_backendNote;
    ItemId m_sampleFor = kNoItem;
};


} // namespace gw::ui

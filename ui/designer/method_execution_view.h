#pragma once
// A REST method drawn as the console's Method Execution view: Method Request → Integration
// Request → the backend → Integration Response → Method Response, one line of summary in each
// box. Clicking a box opens its editor below.
#include "model/project.h"

#include <QWidget>

class QToolButton;

namespace gw::ui {

class MethodExecutionView : public QWidget {
    Q_OBJECT
public:
    enum Part { MethodRequest, IntegrationRequest, Backend, IntegrationResponse, MethodResponse, PartCount };
    explicit MethodExecutionView(QWidget *parent = nullptr);
    void showMethod(const RestApiSpec &rest, const RestResource &resource, const RestMethod &method);
    void setCurrentPart(Part part); // the box drawn as chosen
    Part currentPart() const { return m_current; }
    // The boxes' texts in order, for tests and screen readers.
    QStringList boxTexts() const;
    // One line per box, as shown (also used by tests).
    static QString summaryOf(Part part, const RestApiSpec &rest, const RestMethod &method);

signals:
    void partRequested(gw::ui::MethodExecutionView::Part part);

private:
    QList<QToolButton *> m_boxes;
    Part m_current = MethodRequest;
};

} // namespace gw::ui

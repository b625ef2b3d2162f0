#pragma once
// A mapping template being edited, rendered live against a sample request (the designer's
// "test" of a template): the output as the gateway would produce it, or the error with its line
// and column, marked in the text, as the user types.
#include <QWidget>

#include <functional>

class QLabel;
class QToolButton;
class QPlainTextEdit;
class QsciScintilla;
class QTimer;

namespace gw::ui {

class TemplatePreviewPanel : public QWidget {
    Q_OBJECT
public:
    explicit TemplatePreviewPanel(QWidget *parent = nullptr);
    // Shows a template; the preview follows. No edited() for text set here.
    void setTemplateText(const QString &text);
    QString templateText() const;
    // The sample request as JSON: {"body", "path", "querystring", "headers", "stageVariables",
    // "context": {"stage", "resourcePath", "httpMethod", ...}}.
    void setSample(const QString &json);
    QString sample() const;
    void setBodyLabel(const QString &text); // "Request body" or "Backend response body"
    void setEnabledTemplate(bool enabled);

    // Requests from the traffic log the sample can be taken from, newest first: each a menu
    // label and its sample JSON. Asked each time the "From traffic" menu opens.
    struct LoggedSample {
        QString label;
        QString sample;
    };
    void setLoggedSamples(std::function<QList<LoggedSample>()> source) { m_loggedSamples = std::move(source); }
    QToolButton *fromTrafficButton() const { return m_fromTraffic; }

    // What the preview shows now (for tests): the rendered text, or the error.
    QString previewOutput() const;
    QString previewError() const;
    // Renders now instead of after the typing pause.
    void refreshPreview();

signals:
    // The template after a pause in typing.
    void edited(const QString &text);

private:
    QsciScintilla *m_template;
    QsciScintilla *m_sample;
    QPlainTextEdit *m_output;
    QLabel *m_error;
    QLabel *m_bodyLabel;
    QToolButton *m_fromTraffic;
    std::function<QList<LoggedSample>()> m_loggedSamples;
    QTimer *m_preview;
    QTimer *m_commit;
    bool m_setting = false;
};

} // namespace gw::ui

#pragma once
// Any item as JSON (the file's own shape), editable: the page for kinds without a page of their
// own (authorizers, REST resources and methods), and the "JSON" view of every other kind. Apply
// checks the result and records it as one undoable edit.
#include "item_editor.h"

class QsciScintilla;
class QTimer;

namespace gw::ui {

class JsonItemEditor : public ItemEditor {
    Q_OBJECT
public:
    explicit JsonItemEditor(ProjectDocument *document, QWidget *parent = nullptr);
    ItemKind kind() const override { return m_kind; }
    // Applies text as the item's JSON; false (and why) when it is not valid JSON or not a valid item.
    bool applyJsonText(const QString &text, QString *error);
    QString text() const;
    // Text typed but not applied: selecting another item would drop it.
    bool hasUnappliedText() const;

signals:
    void unappliedChanged(bool unapplied);

protected:
    void load() override;

private:
    ItemKind m_kind = ItemKind::Function;
    QsciScintilla *m_json;
    QTimer *m_live;
    ItemId m_shownFor = kNoItem;
};

} // namespace gw::ui

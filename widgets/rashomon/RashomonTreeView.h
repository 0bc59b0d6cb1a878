#pragma once
// One decision tree from the Rashomon set drawn as a node-link diagram with QPainter: split
// nodes show the binary feature in the data's own terms ("petal length <= 2.45", "a1_1"), the
// edges "yes" (feature true) to the left and "no" to the right, leaves the predicted class in
// its colour with the training points reaching it and how many of them it gets wrong.
// Exportable as PNG/SVG/PDF (File > Export figure while it has focus).
#include "Exportable.h"

#include "rashomon/Binarizer.h"
#include "rashomon/Tree.h"

#include <QWidget>

class QPainter;

namespace algoscope::ui {

class RashomonTreeView : public QWidget, public Exportable {
    Q_OBJECT
public:
    explicit RashomonTreeView(QWidget* parent = nullptr);

    /// Shows `tree` on `data` (its training points give the counts); a tree with no nodes
    /// clears the view.
    void setTree(const rashomon::Tree& tree, const rashomon::BinaryData& data);
    void clear();
    const rashomon::Tree& tree() const { return m_tree; }

    /// Where each node is drawn in a w x h area (index = node index): the layout the diagram
    /// uses, exposed for tests (parents above children, yes left of no, no overlaps).
    QList<QRectF> nodeRects(QSizeF area) const;

    QSize sizeHint() const override { return {520, 320}; }
    QSize minimumSizeHint() const override { return {200, 120}; }

    QString exportName() const override { return QStringLiteral("rashomon-tree"); }
    bool exportFigure(const QString& path, const ExportOptions& options, QString* error) override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QString nodeText(int i) const;
    void render(QPainter& p, const QRectF& area) const;

    rashomon::Tree m_tree;
    std::vector<rashomon::Tree::NodeStats> m_stats;
    QStringList m_featureNames;
    QStringList m_classNames;
};

} // namespace algoscope::ui

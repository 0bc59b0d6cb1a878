#pragma once
// The attention mask as an n x n matrix image (row = query, column = key, token order row-major):
// dark where the key is in the query's window, with the focus query's row (or, in the inverse
// view, the focus key's column) in red. Full attention (k = n) fills it, k = 1 leaves the
// diagonal. Wheel zooms about the cursor, drag pans, double-click fits. Up to kMaxTokens tokens.
#include "Exportable.h"

#include <QImage>
#include <QWidget>

namespace algoscope::ui {

class AttentionModel;

class AttentionMaskView : public QWidget, public Exportable {
    Q_OBJECT
public:
    static constexpr int kMaxTokens = 4096;

    explicit AttentionMaskView(AttentionModel* model, QWidget* parent = nullptr);

    QString exportName() const override { return QStringLiteral("attention-mask"); }
    bool exportFigure(const QString& path, const ExportOptions& options, QString* error) override;
    QStringList exportFormats() const override { return {"png", "svg", "pdf"}; }

    /// The mask image (n x n, empty when the setting is invalid or too large).
    const QImage& maskImage() const { return m_image; }
    /// Fraction of the n x n matrix inside windows.
    double density() const { return m_density; }
    double zoom() const { return m_zoom; }

protected:
    void paintEvent(QPaintEvent*) override;
    void wheelEvent(QWheelEvent* e) override;
    void mousePressEvent(QMouseEvent* e) override;
    void mouseMoveEvent(QMouseEvent* e) override;
    void mouseDoubleClickEvent(QMouseEvent*) override;
    void resizeEvent(QResizeEvent*) override;

private:
    void rebuild();
    void fit();

    AttentionModel* m_model;
    QImage m_image;
    QString m_message;
    double m_density = 0;
    double m_zoom = 1; // screen pixels per matrix cell
    QPointF m_offset;  // screen position of matrix cell (0, 0)
    QPointF m_dragStart, m_offsetStart;
    bool m_userZoomed = false;
};

} // namespace algoscope::ui

#pragma once
// Draws a continued fraction as nested fractions with QPainter (not a flat string):
//   lhs = a0 + b0 / (a1 + b1 / (a2 + ...)), numerators centred over a fraction bar, each
// denominator one level down, the last level ending in "+ ...". Exportable as PNG/SVG/PDF.
#include "ContfracModel.h"
#include "Exportable.h"

#include <QWidget>

namespace algoscope::ui {

class ContfracFormulaView : public QWidget, public Exportable {
    Q_OBJECT
public:
    explicit ContfracFormulaView(QWidget* parent = nullptr);

    void setFormula(const ContfracFormula& f);
    const ContfracFormula& formula() const { return m_formula; }
    /// Levels drawn before "..." (default 6).
    void setLevels(int levels);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    QString exportName() const override { return QStringLiteral("contfrac-formula"); }
    bool exportFigure(const QString& path, const ExportOptions& options, QString* error) override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    struct Box {
        int width = 0, above = 0, below = 0; // above/below the text baseline
    };
    Box measure(const QFontMetrics& fm, int level) const;
    void draw(QPainter& p, const QFontMetrics& fm, int level, int x, int baseline) const;
    /// The whole formula's size and its baseline, for the current font.
    Box total(const QFontMetrics& fm) const;
    void render(QPainter& p, const QRect& area) const;
    int shownLevels() const;

    ContfracFormula m_formula;
    int m_levels = 6;
};

} // namespace algoscope::ui

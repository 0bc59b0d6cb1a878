#include "CubeStatsPanel.h"

#include "CubeLab.h"

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace algoscope::ui {

CubeStatsPanel::CubeStatsPanel(CubeLab* lab, QWidget* parent)
    : Panel(QStringLiteral("cube"), QStringLiteral("stats"), tr("Search statistics"), parent),
      m_lab(lab), m_text(new QLabel) {
    setDefaultArea(Qt::RightDockWidgetArea);
    m_text->setTextFormat(Qt::RichText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    setWidget(m_text);
    connect(lab, &CubeLab::solutionChanged, this, &Panel::requestRefresh);
    refresh();
}

void CubeStatsPanel::refresh() {
    const auto& s = m_lab->stats();
    if (!s) {
        m_text->setText(tr("<i>Solve a scramble to see the search's counts.</i>"));
        return;
    }
    const QLocale loc;
    const cube::SearchResult& r = s->result;
    QString html = QStringLiteral("<table cellspacing='4'>");
    auto row = [&html](const QString& k, const QString& v) {
        html += QStringLiteral("<tr><td>%1</td><td align='right'><b>%2</b></td></tr>").arg(k, v);
    };
    row(tr("Method"), s->method);
    row(tr("Solved"),
        r.solved ? tr("yes") : tr("no (%1)").arg(QString::fromStdString(r.stopReason)));
    row(tr("Path cost (actions)"), QString::number(r.pathCost));
    row(tr("Length (quarter turns)"), QString::number(cube::lengthQtm(r.solution)));
    if (s->optimalLength)
        row(tr("Optimal length (2x2x2 table)"), QString::number(*s->optimalLength));
    row(tr("Nodes generated"), loc.toString(qulonglong(r.nodesGenerated)));
    row(tr("Nodes expanded"), loc.toString(qulonglong(r.nodesExpanded)));
    row(tr("Network calls"), loc.toString(qulonglong(r.networkCalls)));
    row(tr("Iterations"), loc.toString(qulonglong(r.iterations)));
    row(tr("Time"), tr("%1 s").arg(r.seconds, 0, 'f', 3));
    row(tr("Search memory (peak)"), loc.formattedDataSize(qint64(r.peakBytes)));
    html += QStringLiteral("</table>");
    m_text->setText(html);
}

} // namespace algoscope::ui

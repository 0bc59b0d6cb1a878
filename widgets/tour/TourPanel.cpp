#include "TourPanel.h"

#include "Lab.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace algoscope::ui {

namespace {

/// Child widget covering its parent, painting a thick rounded frame; passes the mouse through.
class HighlightFrame : public QWidget {
public:
    explicit HighlightFrame(QWidget* target) : QWidget(target) {
        setAttribute(Qt::WA_TransparentForMouseEvents);
        setAttribute(Qt::WA_NoSystemBackground);
        setGeometry(target->rect());
        target->installEventFilter(this);
        raise();
        show();
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched == parent() && event->type() == QEvent::Resize)
            setGeometry(parentWidget()->rect());
        return false;
    }
    void paintEvent(QPaintEvent*) override {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        p.setPen(QPen(QColor(230, 120, 0), 5));
        p.setBrush(QColor(230, 120, 0, 28));
        p.drawRoundedRect(QRectF(rect()).adjusted(3, 3, -3, -3), 8, 8);
    }
};

} // namespace

void flashHighlight(QWidget* target, int milliseconds) {
    if (!target)
        return;
    auto* frame = new HighlightFrame(target);
    QTimer::singleShot(milliseconds, frame, &QObject::deleteLater);
}

TourPanel::TourPanel(QWidget* parent)
    : QWidget(parent), m_tourTitle(new QLabel(this)), m_counter(new QLabel(this)),
      m_stepTitle(new QLabel(this)), m_text(new QTextBrowser(this)), m_hint(new QLabel(this)),
      m_status(new QLabel(this)), m_prev(new QPushButton(tr("< &Previous"), this)),
      m_next(new QPushButton(tr("&Next >"), this)),
      m_doIt(new QPushButton(tr("&Do it for me"), this)),
      m_tryIt(new QPushButton(tr("&Let me try"), this)), m_poll(new QTimer(this)) {
    setObjectName(QStringLiteral("TourPanel"));
    QFont big = m_stepTitle->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_stepTitle->setFont(big);
    m_stepTitle->setWordWrap(true);
    m_tourTitle->setWordWrap(true);
    m_text->setOpenExternalLinks(true);
    // A focused text browser would keep the arrow keys that step the tour in presentation mode.
    m_text->setFocusPolicy(Qt::NoFocus);
    m_text->setMinimumHeight(170);
    m_hint->setWordWrap(true);
    m_hint->setVisible(false);
    m_hint->setStyleSheet(QStringLiteral("QLabel { background: #fff6e0; padding: 6px; }"));
    m_status->setWordWrap(true);
    m_doIt->setToolTip(tr("Set the lab up for this step (undoable with Ctrl+Z)"));
    m_tryIt->setToolTip(tr("Show what to do by hand"));
    auto* close = new QPushButton(tr("Close tour"), this);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_tourTitle);
    layout->addWidget(m_counter);
    layout->addWidget(m_stepTitle);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_hint);
    layout->addWidget(m_status);
    auto* doRow = new QHBoxLayout;
    doRow->addWidget(m_doIt);
    doRow->addWidget(m_tryIt);
    layout->addLayout(doRow);
    auto* navRow = new QHBoxLayout;
    navRow->addWidget(m_prev);
    navRow->addWidget(m_next);
    navRow->addStretch();
    navRow->addWidget(close);
    layout->addLayout(navRow);

    connect(m_prev, &QPushButton::clicked, this, &TourPanel::previous);
    connect(m_next, &QPushButton::clicked, this, &TourPanel::next);
    connect(m_doIt, &QPushButton::clicked, this, &TourPanel::doCurrentStep);
    connect(m_tryIt, &QPushButton::clicked, this, &TourPanel::showHint);
    connect(close, &QPushButton::clicked, this, &TourPanel::closeRequested);
    m_poll->setInterval(30);
    connect(m_poll, &QTimer::timeout, this, &TourPanel::runNextAction);
}

void TourPanel::setTour(const Tour& tour, Lab* lab) {
    m_poll->stop();
    m_actionIndex = -1;
    m_tour = tour;
    m_lab = lab;
    m_tourTitle->setText(QStringLiteral("<i>%1</i>").arg(tour.title.toHtmlEscaped()));
    goToStep(0);
}

void TourPanel::goToStep(int index) {
    if (m_tour.steps.isEmpty())
        return;
    m_poll->stop();
    m_actionIndex = -1;
    m_step = std::clamp(index, 0, int(m_tour.steps.size()) - 1);
    showStep();
    Q_EMIT stepChanged(m_step);
}

void TourPanel::next() {
    goToStep(m_step + 1);
}

void TourPanel::previous() {
    goToStep(m_step - 1);
}

void TourPanel::showStep() {
    const TourStep& step = m_tour.steps[m_step];
    m_counter->setText(tr("Step %1 of %2").arg(m_step + 1).arg(m_tour.steps.size()));
    m_stepTitle->setText(step.title);
    m_text->setHtml(step.text);
    m_hint->setVisible(false);
    m_status->clear();
    m_error.clear();
    m_prev->setEnabled(m_step > 0);
    m_next->setEnabled(m_step + 1 < m_tour.steps.size());
    m_doIt->setEnabled(!step.actions.isEmpty());
    m_tryIt->setEnabled(!step.actions.isEmpty());
    if (!step.highlight.isEmpty())
        Q_EMIT highlightRequested(step.highlight);
}

void TourPanel::showHint() {
    if (!m_lab)
        return;
    m_hint->setText(tr("Try it yourself:\n") + describeActions(m_tour.steps[m_step], *m_lab));
    m_hint->setVisible(true);
}

void TourPanel::doCurrentStep() {
    if (!m_lab || m_tour.steps[m_step].actions.isEmpty() || isRunningActions())
        return;
    m_error.clear();
    m_status->setText(tr("Working..."));
    m_actionIndex = 0;
    runNextAction();
}

void TourPanel::runNextAction() {
    // One action at a time, each after the lab finished what the previous one started.
    if (m_actionIndex < 0 || !m_lab)
        return;
    if (!m_lab->isIdle()) {
        m_poll->start();
        return;
    }
    m_poll->stop();
    const QList<TourAction>& actions = m_tour.steps[m_step].actions;
    if (m_actionIndex >= actions.size()) {
        m_actionIndex = -1;
        m_status->setText(tr("Done. Ctrl+Z undoes it."));
        Q_EMIT actionsFinished(true);
        return;
    }
    const TourAction& action = actions[m_actionIndex];
    QString error;
    if (!m_lab->applyTourAction(action.name, action.args, &error)) {
        m_actionIndex = -1;
        m_error = error.isEmpty() ? tr("action '%1' failed").arg(action.name) : error;
        m_status->setText(
            QStringLiteral("<span style='color:#b00020'>%1</span>").arg(m_error.toHtmlEscaped()));
        Q_EMIT actionsFinished(false);
        return;
    }
    ++m_actionIndex;
    // Let the lab's task (if it started one) begin before checking for idle again.
    m_poll->start();
}

} // namespace algoscope::ui

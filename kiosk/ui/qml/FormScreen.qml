// Applications, the questions: one per screen. On the left where the citizen is ("第 2 步，
// 共 3 步"), the question and what was wrong with the last answer; on the right the answer:
// big choices, the phone keypad, or the photo for the card.
import QtQuick

Item {
    readonly property var f: form.field

    Row {
        id: body
        anchors { left: parent.left; right: parent.right; top: parent.top
                  leftMargin: 64; rightMargin: 64; topMargin: 48 }
        spacing: 64

        Column {
            width: parent.width * 0.36
            spacing: theme.spacing
            Text {
                objectName: "formProgress"
                text: qsTr("第 %1 步，共 %2 步").arg(form.step).arg(form.steps)
                color: theme.primary; font.pointSize: theme.bodySize; font.bold: true
            }
            ScreenTitle {
                objectName: "formQuestion"
                width: parent.width
                text: f.question
                hint: f.hint
            }
            Text {
                id: formProblem
                objectName: "formProblem"
                width: parent.width
                visible: form.problem !== ""
                text: "⚠ " + form.problem
                wrapMode: Text.WordWrap
                color: theme.warning; font.pointSize: theme.bodySize; font.bold: true
            }
        }

        Loader {
            id: answer
            width: parent.width * 0.64 - parent.spacing
            sourceComponent: f.type === "choice" ? choice
                           : f.type === "phone" ? phone
                           : f.type === "photo" ? photo : null
        }
    }

    Component {
        id: choice
        ChoiceList {
            width: answer.width
            options: f.options
            onChosen: function (code) { form.choose(code) }
        }
    }
    Component {
        id: phone
        PhoneField {
            value: f.value
            onSubmitted: function (digits) { form.enterPhone(digits) }
        }
    }
    Component {
        id: photo
        PhotoField { width: answer.width }
    }

    NavBar {
        backName: "formBack"
        goBack: function () { form.back() }
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }

    Spoken { texts: [formProblem] }
}

// Which kind of business: decides the queue (and the number's letter).
import QtQuick

Item {
    Column {
        id: body
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 64 }
        spacing: theme.spacing
        ScreenTitle {
            width: parent.width
            text: qsTr("请选择业务类别")
            hint: qsTr("不清楚选哪一项，请选“综合咨询”")
        }
        Grid {
            width: parent.width
            columns: 2
            spacing: theme.spacing
            Repeater {
                model: queue.categories
                delegate: BigButton {
                    objectName: "category_" + modelData.code
                    width: (body.width - theme.spacing) / 2
                    badge: modelData.letter
                    label: modelData.name
                    onClicked: queue.chooseCategory(modelData.code)
                }
            }
        }
    }
    NavBar { anchors { left: parent.left; right: parent.right; bottom: parent.bottom } }
}

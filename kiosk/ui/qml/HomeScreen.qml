// The home screen: a few plain topics as large tiles (排队取号, 社保服务, 医保服务...), and
// once one is touched, its services. Two columns, a page at a time when they do not fit
// (eight, six in elder mode). Unavailable services stay visible and say why.
import QtQuick

Item {
    id: homeScreen
    readonly property bool inGroup: home.groupName !== ""
    readonly property int pageSize: kiosk.elderMode ? 6 : 8
    readonly property int pages: Math.max(1, Math.ceil(home.tiles.length / pageSize))
    property int page: 0
    onPageSizeChanged: page = 0
    onInGroupChanged: page = 0

    Column {
        id: body
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 56 }
        spacing: theme.spacing
        ScreenTitle {
            width: parent.width
            text: homeScreen.inGroup ? qsTr("%1：请选择具体业务").arg(home.groupName)
                                     : qsTr("请选择您要办理的业务")
        }
        Grid {
            columns: 2
            spacing: theme.spacing
            Repeater {
                model: home.tiles.slice(homeScreen.page * homeScreen.pageSize,
                                        (homeScreen.page + 1) * homeScreen.pageSize)
                delegate: BigButton {
                    objectName: modelData.kind + "_" + modelData.code
                    width: (body.width - theme.spacing) / 2
                    label: modelData.name
                    available: modelData.available
                    reason: modelData.reason
                    detail: modelData.summary
                    onClicked: home.open(modelData.kind, modelData.code)
                }
            }
        }
    }
    Row {
        anchors { right: parent.right; rightMargin: 56; bottom: parent.bottom; bottomMargin: 16 }
        spacing: theme.spacing
        visible: homeScreen.pages > 1
        BigButton {
            objectName: "servicesPrev"
            width: kiosk.elderMode ? 300 : 240; implicitHeight: theme.smallButtonHeight
            secondary: true; centered: true
            available: homeScreen.page > 0
            label: "‹ " + qsTr("上一页")
            onClicked: homeScreen.page -= 1
        }
        Text {
            anchors.verticalCenter: parent.verticalCenter
            text: qsTr("第 %1 / %2 页").arg(homeScreen.page + 1).arg(homeScreen.pages)
            color: theme.text; font.pointSize: theme.bodySize
        }
        BigButton {
            objectName: "servicesNext"
            width: kiosk.elderMode ? 300 : 240; implicitHeight: theme.smallButtonHeight
            secondary: true; centered: true
            available: homeScreen.page + 1 < homeScreen.pages
            label: qsTr("下一页") + " ›"
            onClicked: homeScreen.page += 1
        }
    }
    // Back from a topic goes to the topics; the home button ends the session as anywhere.
    NavBar {
        showBack: homeScreen.inGroup
        backName: "groupBack"
        goBack: function () { home.closeGroup() }
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
    }
}

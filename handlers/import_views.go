package handlers

// importView is the data of enterprises/import; Report is nil until a file was sent.
type importView struct {
	Page
	CanEnterprises bool
	MaxRows        int
	Kind           string // "enterprises" or "leads", of the file just sent
	Report         *reportView
	Summary        string // the sentence above a refused file's report
}

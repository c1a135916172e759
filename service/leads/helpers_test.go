package leads_test

import (
	"errors"

	"duijie/domain"
)

func asMessage(err error, me **domain.MessageError) bool { return errors.As(err, me) }

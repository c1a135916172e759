package seed

import (
	"errors"

	"duijie/domain"
)

func isConflict(err error) bool { return errors.Is(err, domain.ErrConflict) }
